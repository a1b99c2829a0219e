package dev.embedlab.tools.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingCacheTest {

    @TempDir
    Path dir;

    @Test
    void vectorsSurviveReopeningAndAPartialLastRecordIsDropped() throws IOException {
        String key = "0123456789abcdef0123456789abcdef0123";
        Path file;
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            cache.put(EmbeddingCache.TextKey.of("a"), 7, new float[] {9, 1, 2, 3}, 1);
            cache.put(EmbeddingCache.TextKey.of("b"), 8, new float[] {4, 5, 6}, 0);
            file = cache.file();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[5])); // an interrupted write
        }
        try (EmbeddingCache cache = EmbeddingCache.open(dir, key, 3)) {
            assertEquals(2, cache.size());
            assertArrayEquals(new float[] {1, 2, 3}, cache.get(EmbeddingCache.TextKey.of("a")).vector());
            assertEquals(8, cache.get(EmbeddingCache.TextKey.of("b")).tokens());
            assertNull(cache.get(EmbeddingCache.TextKey.of("c")));
        }
        assertEquals(12 + 2 * (16 + 4 + 12), Files.size(file));
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
            assertTrue(e.getMessage().contains(key + ".vectors is in use by another embedlab lab run"), e.getMessage());
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
