package dev.embedlab.staticembed;

import dev.embedlab.testsupport.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our runtime against the reference outputs of Python model2vec (the fixtures model2vec-rs checks itself
 * against, relative tolerance 1e-5), end to end with the pure-Java tokenizer. Some tests use Hugging
 * Face's own tokenizer (DJL, through Vespa's HuggingFaceTokenizer) instead, to check loading and pooling
 * on their own, and to compare the two tokenizers' vectors.
 */
class FixtureParityTest {

    static final String SHORT_TEXT = "hello world";
    static final String LONG_TEXT = String.join(" ", Collections.nCopies(1000, "hello"));

    static StaticEmbeddingModel load(String fixture) throws IOException {
        return StaticModelLoader.load(TestData.model2vecFixture(fixture));
    }

    static StaticEmbeddingModel loadWithHuggingFaceTokenizer(String fixture) throws IOException {
        return StaticModelLoader.load(TestData.model2vecFixture(fixture), LoadOptions.defaults(), DjlTokenizers::read);
    }

    static float[] reference(String file) throws IOException {
        JsonNode vectors = new ObjectMapper().readTree(TestData.model2vecFixture(file).toFile());
        assertEquals(1, vectors.size(), file);
        float[] vector = new float[vectors.get(0).size()];
        for (int i = 0; i < vector.length; i++) vector[i] = (float) vectors.get(0).get(i).asDouble();
        return vector;
    }

    static void assertRelativelyClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": dimensions");
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(expected[i] - actual[i]);
            assertTrue(error <= tolerance * Math.abs(expected[i]) + 1e-7,
                       what + ": dimension " + i + " expected " + expected[i] + " got " + actual[i]);
        }
    }

    @Test
    void float32ModelMatchesPythonModel2Vec() throws IOException {
        StaticEmbeddingModel model = load("test-model-float32");
        assertEquals(ModelFormat.MODEL2VEC, model.format());
        assertEquals(29528, model.table().rows());
        assertEquals(2, model.dimensions());
        assertTrue(model.rules().normalize(), "config.json says normalize: true");
        assertRelativelyClose(reference("embeddings_short.json"), model.embed(SHORT_TEXT), 1e-5, "short");
        assertRelativelyClose(reference("embeddings_long.json"), model.embed(LONG_TEXT), 1e-5, "long");
    }

    @Test
    void longTextIsCutTo512TokensAfterCuttingCharacters() throws IOException {
        StaticEmbeddingModel model = load("test-model-float32");
        float[] out = new float[2];
        assertEquals(512, model.embed(LONG_TEXT, out, 2));
        assertEquals(2, model.embed(SHORT_TEXT, out, 2));
    }

    @Test
    void vocabularyQuantizedModelMatchesPythonModel2Vec() throws IOException {
        StaticEmbeddingModel model = loadWithHuggingFaceTokenizer("test-model-vocab-quantized");
        assertTrue(model.table().isVocabularyQuantized());
        assertEquals(128, model.table().rows());
        assertEquals(29524, model.table().vocabularySize());
        assertEquals(64, model.dimensions());
        assertRelativelyClose(reference("embeddings_vocab_quantized.json"), model.embed(LONG_TEXT), 1e-5, "vocab quantized");
    }

    @Test
    void vocabularyQuantizedModelMatchesWithThePureJavaUnigramTokenizer() throws IOException {
        StaticEmbeddingModel model = load("test-model-vocab-quantized");
        assertRelativelyClose(reference("embeddings_vocab_quantized.json"), model.embed(LONG_TEXT), 1e-5, "vocab quantized");
        StaticEmbeddingModel reference = loadWithHuggingFaceTokenizer("test-model-vocab-quantized");
        for (String text : new String[] {SHORT_TEXT, "Héllo, WORLD!! (naïve) café -- 3.14 ~ [UNK] \u4e2d\u6587", ""}) {
            float[] ours = new float[64];
            float[] theirs = new float[64];
            assertEquals(reference.embed(text, theirs, 64), model.embed(text, ours, 64), "tokens pooled for: " + text);
            assertRelativelyClose(theirs, ours, 1e-6, text);
        }
    }

    @Test
    void float16AndInt8TablesAgreeWithFloat32() throws IOException {
        float[] float32 = load("test-model-float32").embed(SHORT_TEXT);
        // The same tolerance model2vec-rs uses for its quantized fixtures: these are lossy encodings of one table.
        assertRelativelyClose(float32, load("test-model-float16").embed(SHORT_TEXT), 1e-1, "float16");
        assertRelativelyClose(float32, load("test-model-int8").embed(SHORT_TEXT), 1e-1, "int8");
        assertRelativelyClose(reference("embeddings_long.json"), load("test-model-float16").embed(LONG_TEXT), 1e-2, "float16 long");
    }

    @Test
    void sentenceTransformersLayoutLoadsTheSameTable() throws IOException {
        StaticEmbeddingModel model = load("test-model-sentence-transformers");
        assertEquals(ModelFormat.SENTENCE_TRANSFORMERS, model.format());
        assertTrue(model.rules().normalize(), "config_sentence_transformers.json says normalize: true");
        assertEquals(Integer.MAX_VALUE, model.rules().maxTokens(), "sentence-transformers has no token cap");
        // No unknown tokens in the short text, so sentence-transformers' rules give Model2Vec's vector.
        assertRelativelyClose(reference("embeddings_short.json"), model.embed(SHORT_TEXT), 1e-5, "short");
    }

    @Test
    void sentenceTransformersKeepsTheUnknownTokenWhereModel2VecDropsIt() throws IOException {
        StaticEmbeddingModel sentenceTransformers = load("test-model-sentence-transformers");
        StaticEmbeddingModel model2vec = load("test-model-float32");
        String withUnknown = "hello \u2603 \uD83E\uDD84 world"; // snowman and unicorn: not in the WordPiece vocabulary
        float[] st = new float[2];
        float[] m2v = new float[2];
        int stTokens = sentenceTransformers.embed(withUnknown, st, 2);
        int m2vTokens = model2vec.embed(withUnknown, m2v, 2);
        assertTrue(stTokens > m2vTokens, "sentence-transformers pools the [UNK] ids too: " + stTokens + " vs " + m2vTokens);
        assertRelativelyClose(reference("embeddings_short.json"), m2v, 1e-5, "model2vec drops [UNK]");
    }

    @Test
    void matryoshkaTruncationNormalizesTheKeptDimensions() throws IOException {
        StaticEmbeddingModel model = loadWithHuggingFaceTokenizer("test-model-vocab-quantized");
        float[] full = model.embed(LONG_TEXT);
        float[] first16 = new float[16];
        model.embed(LONG_TEXT, first16, 16);
        double norm = 0;
        for (int i = 0; i < 16; i++) norm += full[i] * full[i];
        norm = Math.sqrt(norm);
        for (int i = 0; i < 16; i++) assertEquals(full[i] / norm, first16[i], 1e-6, "dimension " + i);
    }

    @Test
    void keepingFewerDimensionsAtLoadGivesTheTruncatedVectors() throws IOException {
        StaticEmbeddingModel full = loadWithHuggingFaceTokenizer("test-model-vocab-quantized");
        StaticEmbeddingModel kept = StaticModelLoader.load(TestData.model2vecFixture("test-model-vocab-quantized"),
                                                           LoadOptions.defaults().withDimensions(16), DjlTokenizers::read);
        assertEquals(16, kept.dimensions());
        assertEquals(4L * 128 * 16 + 8L * 29524, kept.tableBytes());
        float[] truncated = new float[16];
        full.embed(LONG_TEXT, truncated, 16);
        assertRelativelyClose(truncated, kept.embed(LONG_TEXT), 1e-6, "16 of 64 dimensions");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StaticModelLoader.load(
                TestData.model2vecFixture("test-model-float32"), LoadOptions.defaults().withDimensions(3)));
        assertTrue(e.getMessage().contains("has 2 dimensions, fewer than the 3 asked for"), e.getMessage());
    }

    @Test
    void memoryOfTheDecodedTables() throws IOException {
        for (String fixture : new String[] {"test-model-float32", "test-model-float16", "test-model-int8", "test-model-vocab-quantized"}) {
            StaticEmbeddingModel model = loadWithHuggingFaceTokenizer(fixture);
            long expected = 4L * model.table().rows() * model.dimensions()
                            + (model.table().isVocabularyQuantized() ? 8L * model.table().vocabularySize() : 0);
            assertEquals(expected, model.tableBytes(), fixture);
        }
    }

    @Test
    void pureJavaAndHuggingFaceTokenizationGiveTheSameVectors() throws IOException {
        StaticEmbeddingModel ours = load("test-model-float32");
        StaticEmbeddingModel reference = loadWithHuggingFaceTokenizer("test-model-float32");
        for (String text : new String[] {SHORT_TEXT, LONG_TEXT, "", "  Héllo, WORLD!! naïve café \u00e9t\u00e9 \u4e2d\u6587 \uD83D\uDE00",
                                         "Ọmọ Yorùbá ni mí; mo ń gbé ní Èkó.", "[CLS] hello [SEP] [MASK]"}) {
            float[] a = new float[2];
            float[] b = new float[2];
            assertEquals(reference.embed(text, b, 2), ours.embed(text, a, 2), "tokens pooled for: " + text);
            assertRelativelyClose(b, a, 1e-6, text);
        }
    }
}
