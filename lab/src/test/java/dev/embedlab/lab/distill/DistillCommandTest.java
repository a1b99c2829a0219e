package dev.embedlab.lab.distill;

import dev.embedlab.testsupport.TestData;
import picocli.CommandLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedlab.staticembed.DType;
import dev.embedlab.staticembed.ModelFormat;
import dev.embedlab.staticembed.SafeTensors;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.staticembed.TensorInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short real distillation: the first 2,000 tokens of e5-small-v2 (int8 ONNX from Maven Central) through
 * the teacher, written as a Model2Vec folder, loaded back by our runtime.
 */
class DistillCommandTest {

    static final int LIMIT = 2000;
    /** Word pairs whose teacher ids are all among the first 2,000 kept tokens. */
    static final String[][] RELATED = {{"two", "three"}, {"january", "february"}, {"red", "blue"}, {"city", "town"},
                                       {"music", "song"}, {"school", "university"}, {"man", "woman"}, {"river", "lake"}};

    @TempDir
    static Path out;
    static Path model;

    @BeforeAll
    static void distill() {
        Path teacher = TestData.e5SmallV2();
        model = out.resolve("model");
        int exit = new CommandLine(CommandLine.Model.CommandSpec.create()).addSubcommand(new DistillCommand()).execute("distill", "--onnx", teacher.resolve("e5-small-v2-q.onnx").toString(),
                                                  "--tokenizer", teacher.resolve("e5-small-v2-q-tokenizer.json").toString(),
                                                  "--out", model.toString(), "--limit-vocab", String.valueOf(LIMIT),
                                                  "--threads", "2");
        assertEquals(0, exit);
    }

    @Test
    void writesTheModel2VecLayout() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(model.resolve("config.json").toFile());
        assertEquals("model2vec", config.get("model_type").asText());
        assertTrue(config.get("normalize").asBoolean());
        assertEquals(256, config.get("hidden_dim").asInt());
        assertEquals(256, config.get("apply_pca").asInt());
        assertEquals(1e-4, config.get("sif_coefficient").asDouble());

        JsonNode modules = json.readTree(model.resolve("modules.json").toFile());
        assertEquals("sentence_transformers.models.StaticEmbedding", modules.get(0).get("type").asText());
        assertEquals(".", modules.get(0).get("path").asText());
        assertEquals("sentence_transformers.models.Normalize", modules.get(1).get("type").asText());

        JsonNode tokenizer = json.readTree(model.resolve("tokenizer.json").toFile());
        assertTrue(tokenizer.get("post_processor").isNull());
        JsonNode vocab = tokenizer.get("model").get("vocab");
        assertEquals(30522 - 994, vocab.size(), "the 994 [unusedN] tokens are gone");
        assertFalse(vocab.has("[unused0]"));
        assertEquals(1, vocab.get("[UNK]").asInt(), "ids renumbered densely: [PAD]=0, [UNK]=1");
        for (JsonNode added : tokenizer.get("added_tokens"))
            assertEquals(vocab.get(added.get("content").asText()).asInt(), added.get("id").asInt(), added.toString());

        SafeTensors tensors = SafeTensors.open(model.resolve("model.safetensors"));
        TensorInfo embeddings = tensors.require("embeddings");
        assertEquals(DType.F32, embeddings.dtype());
        assertArrayEquals(new long[] {29528, 256}, embeddings.shape());
        float[] table = tensors.readFloats(embeddings);
        assertTrue(rowNorm(table, LIMIT - 1) > 0, "distilled rows are filled");
        assertEquals(0, rowNorm(table, LIMIT), "rows past --limit-vocab stay zero");
    }

    @Test
    void relatedWordsAreCloserThanUnrelatedOnes() throws IOException {
        StaticEmbeddingModel student = StaticModelLoader.load(model);
        assertEquals(ModelFormat.MODEL2VEC, student.format());
        assertEquals(256, student.dimensions());
        assertTrue(student.rules().normalize());
        double related = 0;
        double unrelated = 0;
        int closer = 0;
        for (int i = 0; i < RELATED.length; i++) {
            float[] word = student.embed(RELATED[i][0]);
            double withRelated = dot(word, student.embed(RELATED[i][1]));
            double withUnrelated = dot(word, student.embed(RELATED[(i + RELATED.length / 2) % RELATED.length][1]));
            related += withRelated;
            unrelated += withUnrelated;
            if (withRelated > withUnrelated) closer++;
        }
        assertTrue(related > unrelated, "mean cosine related " + related / RELATED.length + " vs unrelated " + unrelated / RELATED.length);
        assertTrue(closer >= RELATED.length - 1, closer + " of " + RELATED.length + " related pairs beat their unrelated pair");
    }

    private static double rowNorm(float[] table, int row) {
        double sum = 0;
        for (int d = 0; d < 256; d++) sum += table[row * 256 + d] * table[row * 256 + d];
        return Math.sqrt(sum);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }
}
