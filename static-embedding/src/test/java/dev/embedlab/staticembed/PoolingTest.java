package dev.embedlab.staticembed;

import dev.embedlab.staticembed.tokenizer.TokenIds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The pooling rules on a table small enough to compute by hand. */
class PoolingTest {

    // ids:                 0        1        2       3       4      5
    static final List<String> WORDS = List.of("[PAD]", "[UNK]", "hello", "world", "cat", "dog");
    // row r = (r+1, -(r+1), 1, 1.5)
    static final float[] TABLE = TinyModels.table(6, 4);

    static StaticEmbeddingModel model(boolean dropUnknown, int maxTokens, int maxCodePoints, boolean normalize) {
        return new StaticEmbeddingModel(new WordListTokenizer(WORDS, "[UNK]"), EmbeddingTable.direct(EmbeddingTable.rowsOf(TABLE, 6, 4), null),
                                        new PoolingRules(dropUnknown, maxTokens, maxCodePoints, normalize),
                                        ModelFormat.MODEL2VEC, "test");
    }

    @Test
    void arithmeticMeanWithoutNormalization() {
        float[] v = model(true, 512, 10_000, false).embed("hello world"); // rows 2 and 3: (3,-3,1,1.5), (4,-4,1,1.5)
        assertArrayEquals(new float[] {3.5f, -3.5f, 1f, 1.5f}, v);
    }

    @Test
    void unknownTokensDroppedOrKept() {
        float[] dropped = new float[4];
        float[] kept = new float[4];
        assertEquals(1, model(true, 512, 10_000, false).embed("hello zebra", dropped, 4));
        assertEquals(2, model(false, 512, 10_000, false).embed("hello zebra", kept, 4));
        assertArrayEquals(new float[] {3f, -3f, 1f, 1.5f}, dropped);
        assertArrayEquals(new float[] {2.5f, -2.5f, 1f, 1.5f}, kept, "[UNK] is row 1: (2,-2,1,1.5)");
    }

    @Test
    void tokenCapCountsAfterDroppingUnknowns() {
        float[] v = new float[4];
        assertEquals(2, model(true, 2, 10_000, false).embed("zebra hello zebra world cat", v, 4));
        assertArrayEquals(new float[] {3.5f, -3.5f, 1f, 1.5f}, v);
    }

    @Test
    void textIsCutToCodePointsBeforeTokenizing() {
        float[] v = new float[4];
        assertEquals(1, model(true, 512, 8, false).embed("hello world", v, 4), "'hello wo' leaves one known word");
        assertEquals("a\uD83D\uDE00b", StaticEmbeddingModel.cutToCodePoints("a\uD83D\uDE00bc", 3).toString(),
                     "a surrogate pair is one code point");
        assertEquals("abc", StaticEmbeddingModel.cutToCodePoints("abc", 3).toString());
    }

    @Test
    void emptyTextGivesTheZeroVector() {
        float[] v = {9, 9, 9, 9};
        assertEquals(0, model(true, 512, 10_000, true).embed("", v, 4));
        assertArrayEquals(new float[4], v);
        assertEquals(0, model(true, 512, 10_000, true).embed("zebra", v, 4), "only unknown tokens");
        assertArrayEquals(new float[4], v);
    }

    @Test
    void truncateThenNormalize() {
        StaticEmbeddingModel model = model(true, 512, 10_000, true);
        float[] two = new float[2];
        model.embed("hello world", two, 2); // mean (3.5, -3.5) -> unit length
        float half = (float) Math.sqrt(0.5);
        assertArrayEquals(new float[] {half, -half}, two, 1e-7f);
        float[] all = model.embed("hello world");
        double norm = Math.sqrt(3.5 * 3.5 * 2 + 1 + 2.25);
        assertArrayEquals(new float[] {(float) (3.5 / norm), (float) (-3.5 / norm), (float) (1 / norm), (float) (1.5 / norm)}, all, 1e-6f);
    }

    @Test
    void writesOnlyTheRequestedSliceAtAnOffset() {
        float[] matrix = {7, 7, 7, 7, 7};
        model(true, 512, 10_000, false).embed("cat", matrix, 1, 3, new TokenIds());
        assertArrayEquals(new float[] {7, 5, -5, 1, 7}, matrix);
    }

    @Test
    void dimsOutsideTheModelAreRejected() {
        StaticEmbeddingModel model = model(true, 512, 10_000, false);
        assertThrows(IllegalArgumentException.class, () -> model.embed("cat", new float[5], 5));
        assertThrows(IllegalArgumentException.class, () -> model.embed("cat", new float[5], 0));
    }

    @Test
    void vocabularyQuantizedRowsAndWeights() {
        float[] centres = {1, 0, 0, 1}; // two rows of width 2
        int[] mapping = {0, 0, 1, 0, 1, 1};
        float[] weights = {1, 1, 2, 4, 1, 1};
        StaticEmbeddingModel model = new StaticEmbeddingModel(new WordListTokenizer(WORDS, "[UNK]"),
                                                              EmbeddingTable.quantized(EmbeddingTable.rowsOf(centres, 2, 2), mapping, weights),
                                                              new PoolingRules(true, 512, 10_000, false), ModelFormat.MODEL2VEC, "test");
        // hello -> row 1 * 2 = (0, 2); world -> row 0 * 4 = (4, 0); mean (2, 1)
        assertArrayEquals(new float[] {2, 1}, model.embed("hello world"));
    }

    @Test
    void weightsWithoutMappingAreBakedIntoRows() {
        float[] weights = {1, 1, 0.5f, 2, 1, 1};
        EmbeddingTable table = EmbeddingTable.direct(EmbeddingTable.rowsOf(TABLE, 6, 4), weights);
        float[] row = new float[4];
        table.vector(3, row);
        assertArrayEquals(new float[] {8, -8, 2, 3}, row);
    }

    @Test
    void concurrentCallersGetTheirOwnScratch() throws Exception {
        StaticEmbeddingModel model = model(true, 512, 10_000, true);
        float[] expectedA = model.embed("hello world cat");
        float[] expectedB = model.embed("dog");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                boolean even = t % 2 == 0;
                results.add(pool.submit(() -> {
                    float[] out = new float[4];
                    for (int i = 0; i < 20_000; i++) {
                        model.embed(even ? "hello world cat" : "dog", out, 4);
                        if (!java.util.Arrays.equals(out, even ? expectedA : expectedB)) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) assertEquals(true, result.get());
        }
        finally {
            pool.shutdownNow();
        }
    }
}
