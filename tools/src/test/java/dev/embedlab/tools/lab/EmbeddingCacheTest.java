package dev.embedlab.tools.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
}
