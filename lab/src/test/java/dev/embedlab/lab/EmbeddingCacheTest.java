package dev.embedlab.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.embedlab.staticembed.SafeTensors;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingCacheTest {

    @TempDir
    Path dir;

    @Test
    void vectorsSurviveReopeningInSegmentsWithTheirKeysTokensAndDigest() throws Exception {
        String key = "0123456789abcdef0123456789abcdef0123";
        Path directory;
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            cache.put(EmbeddingCache.TextKey.of("a"), 7, new float[] {9, 1, 2, 3}, 1);
            cache.put(EmbeddingCache.TextKey.of("b"), 8, new float[] {4, 5, 6}, 0);
            directory = cache.directory();
        }
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            assertEquals(2, cache.size());
            assertArrayEquals(new float[] {1, 2, 3}, cache.get(EmbeddingCache.TextKey.of("a")).vector());
            assertEquals(8, cache.get(EmbeddingCache.TextKey.of("b")).tokens());
            assertNull(cache.get(EmbeddingCache.TextKey.of("c")));
        }
        Path segment = directory.resolve("segment-000000.safetensors");
        SafeTensors tensors = SafeTensors.open(segment); // what Python's safetensors reads
        assertEquals(key, tensors.metadata().get("embedder_key"));
        assertArrayEquals(new int[] {7, 8}, tensors.readInts(tensors.require("tokens")));
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("a".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(Arrays.copyOf(sha, 16), Arrays.copyOf(tensors.readBytes(tensors.require("text_sha256")), 16));
    }

    @Test
    void aFullSegmentIsOnDiskBeforeClose() throws IOException {
        String key = "aaaabbbbccccddddeeeeffff00001111";
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 1)) {
            for (int i = 0; i <= EmbeddingCache.SEGMENT_RECORDS; i++) cache.put(EmbeddingCache.TextKey.of("t" + i), 1, new float[] {i}, 0);
            assertTrue(Files.isRegularFile(cache.directory().resolve("segment-000000.safetensors")));
            assertFalse(Files.exists(cache.directory().resolve("segment-000001.safetensors")), "the one extra vector waits for close");
        }
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 1)) {
            assertEquals(EmbeddingCache.SEGMENT_RECORDS + 1, cache.size());
        }
    }

    @Test
    void aDamagedSegmentIsAnErrorNamingTheFile() throws IOException {
        String key = "1111222233334444555566667777888899";
        Path segment;
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            cache.put(EmbeddingCache.TextKey.of("a"), 1, new float[] {1, 2, 3}, 0);
            segment = cache.directory().resolve("segment-000000.safetensors");
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 1; // one bit of the last float
        Files.write(segment, bytes);
        IOException e = assertThrows(IOException.class, () -> EmbeddingCache.open(dir, key, 3));
        assertTrue(e.getMessage().startsWith(segment.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not match the SHA-256 of its data"), e.getMessage());
    }

    @Test
    void aCacheFileOfTheEarlierFormatIsImportedWithoutItsPartialLastRecord() throws IOException {
        String key = "0123456789abcdef0123456789abcdef";
        ByteBuffer legacy = ByteBuffer.allocate(12 + 2 * (16 + 4 + 12) + 5);
        legacy.put("EMBLAB1\n".getBytes(StandardCharsets.US_ASCII)).order(ByteOrder.LITTLE_ENDIAN).putInt(3);
        for (String text : new String[] {"a", "b"}) {
            EmbeddingCache.TextKey textKey = EmbeddingCache.TextKey.of(text);
            legacy.order(ByteOrder.BIG_ENDIAN).putLong(textKey.high()).putLong(textKey.low());
            legacy.order(ByteOrder.LITTLE_ENDIAN).putInt(text.length() + 4).putFloat(1).putFloat(2).putFloat(text.charAt(0));
        }
        Path file = dir.resolve(key + ".vectors");
        Files.write(file, legacy.array()); // ends with 5 bytes of an interrupted record
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            assertEquals(2, cache.size());
            assertArrayEquals(new float[] {1, 2, 'b'}, cache.get(EmbeddingCache.TextKey.of("b")).vector());
            assertEquals(5, cache.get(EmbeddingCache.TextKey.of("a")).tokens());
        }
        assertFalse(Files.exists(file), "imported, then removed");
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            assertEquals(2, cache.size());
        }
    }

    @Test
    void aCacheOfOtherDimensionsIsAnErrorNotASilentReuse() throws IOException {
        String key = "fedcba9876543210fedcba9876543210";
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            cache.put(EmbeddingCache.TextKey.of("a"), 1, new float[] {1, 2, 3}, 0);
        }
        IOException e = assertThrows(IOException.class, () -> EmbeddingCache.open(dir, key, 4));
        assertTrue(e.getMessage().contains("3-dimensional"), e.getMessage());
    }

    @Test
    void aCacheInUseByAnotherProcessIsRefusedWithTheFileNamed() throws Exception {
        String key = "00112233445566778899aabbccddeeff";
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldCache.class.getName(), dir.toString(), key)
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("holding", output.readLine());
            IOException e = assertThrows(IOException.class, () -> EmbeddingCache.open(dir, key, 3));
            assertTrue(e.getMessage().contains(key + " is in use by another embedlab run"), e.getMessage());
            assertTrue(e.getMessage().contains("--cache-dir"), e.getMessage());
        } finally {
            holder.getOutputStream().close(); // the holder exits when its stdin closes
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            assertEquals(1, cache.size(), "the holder's entry was written and the lock released");
        }
    }

    @Test
    void aCacheOpenInThisProcessIsRefusedUntilClosed() throws IOException {
        String key = "ffeeddccbbaa99887766554433221100";
        try (EmbeddingCache first = EmbeddingCache.open(dir, key, 3)) {
            IOException e = assertThrows(IOException.class, () -> EmbeddingCache.open(dir, key, 3));
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
        }
        EmbeddingCache.open(dir, key, 3).close();
    }

    /** Child process for the test above: opens a cache, adds one entry, and holds it until stdin closes. */
    public static final class HoldCache {
        public static void main(String[] args) throws IOException {
            try (EmbeddingCache cache = EmbeddingCache.open(Path.of(args[0]), args[1], 3)) {
                cache.put(EmbeddingCache.TextKey.of("held"), 1, new float[] {1, 0, 0}, 0);
                System.out.println("holding");
                System.out.flush();
                while (System.in.read() != -1) {
                    // wait for the parent to close our stdin
                }
            }
        }
    }
}
