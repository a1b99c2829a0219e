package dev.embedlab.staticembed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static dev.embedlab.staticembed.SafeTensorsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken model folders fail at load, naming the file and the problem. */
class MalformedModelTest {

    @TempDir
    Path dir;

    private static final int VOCAB = TinyModels.WORDS.size();

    private StaticEmbeddingModel load() throws IOException {
        return StaticModelLoader.load(dir); // the real pure-Java tokenizer
    }

    private InvalidModelException loadFails() {
        return assertThrows(InvalidModelException.class, this::load);
    }

    @Test
    void aWellFormedTinyModelLoads() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB, 4},
                                                                 TinyModels.table(VOCAB, 4)), "{\"normalize\": false}");
        StaticEmbeddingModel model = load();
        assertEquals(4, model.dimensions());
        assertEquals(ModelFormat.MODEL2VEC, model.format());
    }

    @Test
    void truncatedSafetensors() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB, 4},
                                                                 TinyModels.table(VOCAB, 4)), null);
        Path file = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));
        assertMessage(loadFails(), file, "reach past the 95 data bytes in the file (truncated?)");
    }

    @Test
    void headerLyingAboutSizes() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter(), null);
        Path file = RawSafeTensors.write(dir.resolve("model.safetensors"),
                "{\"embeddings\":{\"dtype\":\"F32\",\"shape\":[2000000000,1024],\"data_offsets\":[0,8192000000000]}}", 96);
        assertMessage(loadFails(), file, "reach past the 96 data bytes");
    }

    @Test
    void missingTensor() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("something.else", DType.F32, new long[] {VOCAB, 2},
                                                                 new float[VOCAB * 2]), null);
        assertMessage(loadFails(), dir.resolve("model.safetensors"),
                      "missing tensor 'embeddings' (Model2Vec) or 'embedding.weight' (sentence-transformers); tensors present: [something.else]");
    }

    @Test
    void wrongDtype() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().ints("embeddings", new long[] {VOCAB, 2}, new int[VOCAB * 2]), null);
        assertMessage(loadFails(), dir.resolve("model.safetensors"), "tensor 'embeddings' has dtype I32, expected one of");
    }

    @Test
    void tableNotTwoDimensional() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB * 2},
                                                                 new float[VOCAB * 2]), null);
        assertMessage(loadFails(), dir.resolve("model.safetensors"), "tensor 'embeddings' has shape [12], expected 2 dimensions");
    }

    @Test
    void tokenizerVocabularyLargerThanTheTable() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB - 1, 2},
                                                                 new float[(VOCAB - 1) * 2]), null);
        InvalidModelException e = loadFails();
        assertMessage(e, dir.resolve("model.safetensors"), "tensor 'embeddings' has 5 rows but ");
        assertTrue(e.getMessage().contains(dir.resolve("tokenizer.json") + " has 6 tokens"), e.getMessage());
    }

    @Test
    void mappingLengthDiffersFromTheVocabulary() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {2, 2}, new float[4])
                                                         .ints("mapping", new long[] {VOCAB + 1}, new int[VOCAB + 1]), null);
        assertMessage(loadFails(), dir.resolve("model.safetensors"), "tensor 'mapping' has 7 entries but");
    }

    @Test
    void mappingPointsOutsideTheTable() throws IOException {
        int[] mapping = {0, 1, 0, 1, 2, 0};
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {2, 2}, new float[4])
                                                         .ints("mapping", new long[] {VOCAB}, mapping), null);
        assertMessage(loadFails(), dir.resolve("model.safetensors"), "tensor 'mapping' sends token 4 to row 2, outside the 2 rows");
    }

    @Test
    void weightsOfTheWrongLengthOrType() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB, 2}, new float[VOCAB * 2])
                                                         .doubles("weights", new long[] {3}, new double[3]), null);
        assertMessage(loadFails(), dir.resolve("model.safetensors"), "tensor 'weights' has 3 entries but");
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB, 2}, new float[VOCAB * 2])
                                                         .ints("weights", new long[] {VOCAB}, new int[VOCAB]), null);
        assertMessage(loadFails(), dir.resolve("model.safetensors"), "tensor 'weights' has dtype I32, expected one of [F16, F32, F64]");
    }

    @Test
    void unsupportedTokenizerTypeNamesTheFile() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB, 2}, new float[VOCAB * 2]), null);
        TinyModels.writeTokenizer(dir.resolve("tokenizer.json"), TinyModels.WORDS, "BPE");
        assertMessage(loadFails(), dir.resolve("tokenizer.json"), "unsupported model type 'BPE'");
    }

    @Test
    void brokenJsonFilesAreNamed() throws IOException {
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB, 2}, new float[VOCAB * 2]),
                             "{\"normalize\": tru");
        assertMessage(loadFails(), dir.resolve("config.json"), "is not valid JSON");
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.writeString(dir.resolve("modules.json"), "[{\"idx\":0,\"path\":\".\",\"type\":\"sentence_transformers.models.Dense\"}]");
        assertMessage(loadFails(), dir.resolve("modules.json"), "lists no StaticEmbedding module");
        Files.writeString(dir.resolve("modules.json"), "[{\"idx\":0,\"path\":\"../elsewhere\",\"type\":\"sentence_transformers.models.StaticEmbedding\"}]");
        assertMessage(loadFails(), dir.resolve("modules.json"), "leaves the model folder");
    }

    @Test
    void missingFiles() throws IOException {
        assertThrows(NoSuchFileException.class, this::load, "empty folder");
        TinyModels.model2vec(dir, new SafeTensorsWriter().floats("embeddings", DType.F32, new long[] {VOCAB, 2}, new float[VOCAB * 2]), null);
        Files.delete(dir.resolve("tokenizer.json"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, this::load);
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }
}
