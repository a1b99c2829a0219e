package dev.embedlab.lab.align;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.CorpusReader;
import dev.embedlab.core.data.Passage;
import dev.embedlab.lab.HuggingFaceSettings;
import dev.embedlab.lab.OnnxLabEmbedder;
import dev.embedlab.staticembed.DType;
import dev.embedlab.staticembed.StaticEmbeddingModel;
import dev.embedlab.staticembed.StaticModelLoader;
import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real, small alignment: 400 MIRACL Yoruba passages, e5-small-v2 int8 as the teacher, two epochs. */
class AlignerTest {

    static final int PASSAGES = 400;

    @TempDir
    static Path dir;
    static List<Passage> passages;
    static OnnxLabEmbedder teacher;
    static Aligner.Summary first;
    static final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void alignOnce() throws IOException {
        passages = new ArrayList<>();
        try (CorpusReader reader = CorpusReader.open(TestData.miracl("yo-feed.jsonl.zst"), CorpusFormat.AUTO)) {
            while (reader.hasNext() && passages.size() < PASSAGES) passages.add(reader.next());
        }
        HuggingFaceSettings hf = HuggingFaceSettings.read(TestData.root().resolve("app/src/main/application/services.xml"), "e5");
        teacher = new OnnxLabEmbedder("e5-int8", TestData.e5SmallV2("e5-small-v2-q.onnx"), TestData.e5SmallV2("e5-small-v2-q-tokenizer.json"), hf);
        first = aligner(42).align(passages, teacher, teacher.tokenizerFile(), dir.resolve("first"));
    }

    @AfterAll
    static void close() {
        if (teacher != null) teacher.close();
    }

    static Aligner aligner(long seed) {
        return aligner(seed, 0);
    }

    static Aligner aligner(long seed, int negatives) {
        return new Aligner(new AlignSettings(EnumSet.of(PseudoQuery.Kind.TITLE, PseudoQuery.Kind.SENTENCE), 0.1, false,
                new ContrastiveTrainer.Settings(2, 64, 0.003f, 0.05f, seed, 2, negatives), List.of(DType.F32), false, dir.resolve("cache")),
                new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @Test
    void trainingRanksHeldOutPseudoQueriesBetterThanTheStart() {
        List<ContrastiveTrainer.Epoch> epochs = first.epochs();
        assertEquals(3, epochs.size(), "the start and two epochs");
        assertTrue(first.heldOutQueries() > 20, "held-out pseudo-queries: " + first.heldOutQueries());
        assertTrue(epochs.get(2).trainLoss() < epochs.get(1).trainLoss(), "loss falls: " + epochs);
        assertTrue(first.bestEpoch() > 0, "training beat the query-space start on held-out pseudo-queries: " + epochs);
        assertTrue(epochs.get(first.bestEpoch()).heldOutMrr10() > epochs.get(0).heldOutMrr10() + 0.05, epochs.toString());
    }

    @Test
    void theFolderLoadsInTheStaticRuntimeWithTheTeachersDimensions() throws IOException {
        StaticEmbeddingModel model = StaticModelLoader.load(dir.resolve("first"));
        assertEquals(teacher.dimensions(), model.dimensions());
        float[] vector = model.embed(passages.get(0).title());
        double norm = 0;
        for (float x : vector) norm += x * x;
        assertEquals(1.0, norm, 1e-5, "normalized");
        assertTrue(Files.readString(dir.resolve("first/config.json")).contains("\"embedlab_align\""));
    }

    @Test
    void theSameSeedGivesTheSameModel() throws IOException {
        aligner(42).align(passages, teacher, teacher.tokenizerFile(), dir.resolve("second"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("first/model.safetensors")), Files.readAllBytes(dir.resolve("second/model.safetensors")));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(PASSAGES + " of " + PASSAGES + " document vectors from the cache"),
                "the second run embeds no passage again");
    }

    @Test
    void sampledNegativesTrainToo() throws IOException {
        Aligner.Summary sampled = aligner(42, 100).align(passages, teacher, teacher.tokenizerFile(), dir.resolve("sampled"));
        List<ContrastiveTrainer.Epoch> epochs = sampled.epochs();
        assertTrue(epochs.get(sampled.bestEpoch()).heldOutMrr10() > epochs.get(0).heldOutMrr10() + 0.05, epochs.toString());
    }

    @Test
    void anEmptyCorpusIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aligner(1).align(List.of(), teacher, teacher.tokenizerFile(), dir.resolve("empty")));
        assertTrue(e.getMessage().contains("no passages"), e.getMessage());
    }
}
