package dev.embedlab.lab;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.Passage;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.yahoo.language.huggingface.ModelInfo;
import dev.embedlab.testsupport.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --max-tokens}: e5-int8 through Vespa's embedder at a shorter limit, reusing what the longer limit cached. */
class MaxTokensTest {

    private static final int LIMIT = 64; // the sample must have passages on both sides of it (asserted below)

    @TempDir
    Path dir;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void vectorsReusedFromTheLongerLimitAreBitForBitWhatTheShorterLimitComputes() throws Exception {
        List<Passage> passages = miraclPassages(24);
        EmbedderCatalog deployed = catalog();
        EmbedderCatalog shorter = deployed.withMaxTokens(LIMIT);
        Path sharedCache = dir.resolve("cache");
        EmbeddedCorpus full;
        try (LabEmbedder e5 = deployed.open("e5-int8")) {
            assertEquals("e5-int8", e5.name());
            full = EmbeddedCorpus.embed(e5, passages, sharedCache, 2, out());
        }
        EmbeddedCorpus reused;
        EmbeddedCorpus fresh;
        try (LabEmbedder e5 = shorter.open("e5-int8")) {
            assertEquals("e5-int8-max" + LIMIT, e5.name());
            reused = EmbeddedCorpus.embed(e5, passages, sharedCache, 2, out());
            fresh = EmbeddedCorpus.embed(e5, passages, dir.resolve("empty-cache"), 2, out());
        }
        assertArrayEquals(fresh.index().matrix(), reused.index().matrix());
        assertArrayEquals(fresh.tokens(), reused.tokens());

        int fit = 0;
        for (int i = 0; i < passages.size(); i++) {
            int fullTokens = full.tokens()[i];
            assertEquals(Math.min(fullTokens, LIMIT), reused.tokens()[i], "tokens of " + passages.get(i).docId());
            if (fullTokens <= LIMIT) fit++;
        }
        assertTrue(fit > 0 && fit < passages.size(), "the sample needs passages on both sides of the limit: " + fit);
        Matcher m = Pattern.compile("(\\d+) more from .* \\(cut at 512 tokens\\), whose texts fit in " + LIMIT
                + " tokens; (\\d+) to embed").matcher(log.toString(StandardCharsets.UTF_8));
        assertTrue(m.find(), log.toString(StandardCharsets.UTF_8));
        assertEquals(fit, Integer.parseInt(m.group(1)));
        assertEquals(passages.size() - fit, Integer.parseInt(m.group(2)));
        assertFalse(Arrays.equals(full.index().matrix(), reused.index().matrix()), "cut passages change");
    }

    @Test
    void aLimitBelowOneIsRefusedNamingTheOption() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create()).addSubcommand(new LabCommand());
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        assertEquals(2, cli.execute("lab", "--max-tokens", "128,0"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("Invalid value for option '--max-tokens'"), message);
        assertTrue(message.contains("must be at least 1, got 0"), message);
    }

    @Test
    void theCountLearnedWhileEmbeddingIsTheTokenizersCount() throws Exception {
        List<String> texts = new ArrayList<>(List.of("Ta ni Olusegun Obasanjo?"));
        for (Passage p : miraclPassages(6)) texts.add(LabData.documentText(p));
        for (EmbedderCatalog catalog : List.of(catalog(), catalog().withMaxTokens(LIMIT))) {
            try (LabEmbedder e5 = catalog.open("e5-int8")) {
                for (String text : texts) {
                    for (boolean query : new boolean[] { true, false }) {
                        float[] counted = new float[e5.dimensions()];
                        float[] plain = new float[e5.dimensions()];
                        assertEquals(e5.countTokens(text, query), e5.embedCountingTokens(text, query, counted, 0), e5.name() + ": " + text);
                        e5.embed(text, query, plain, 0);
                        assertArrayEquals(plain, counted);
                    }
                }
            }
        }
    }

    @Test
    void theTokenLimitIsVespasRuleForTokenizerTruncation() {
        var own = new ModelInfo(ModelInfo.TruncationStrategy.LONGEST_FIRST, ModelInfo.PaddingStrategy.DO_NOT_PAD, 256, 0, 0);
        assertEquals(256, OnnxLabEmbedder.tokenLimit(own, 512), "the tokenizer's own truncation wins");
        assertEquals(256, OnnxLabEmbedder.tokenLimit(own, 128), "max-tokens is not used at all");
        var none = new ModelInfo(ModelInfo.TruncationStrategy.DO_NOT_TRUNCATE, ModelInfo.PaddingStrategy.DO_NOT_PAD, -1, 0, 0);
        assertEquals(128, OnnxLabEmbedder.tokenLimit(none, 128));
        var shorter = new ModelInfo(ModelInfo.TruncationStrategy.ONLY_FIRST, ModelInfo.PaddingStrategy.DO_NOT_PAD, 100, 0, 0);
        assertEquals(100, OnnxLabEmbedder.tokenLimit(shorter, 512), "max_length when not above max-tokens");
        assertEquals(64, OnnxLabEmbedder.tokenLimit(shorter, 64));
    }

    @Test
    void aLimitTheTokenizerOverridesIsRefusedRatherThanRepeatingTheDeployedRow() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tokenizer = (ObjectNode) json.readTree(TestData.e5SmallV2("e5-small-v2-q-tokenizer.json").toFile());
        tokenizer.set("truncation", json.readTree(
                "{\"direction\":\"Right\",\"max_length\":128,\"strategy\":\"LongestFirst\",\"stride\":0}"));
        Path truncating = dir.resolve("tokenizer.json");
        json.writeValue(truncating.toFile(), tokenizer);
        HuggingFaceSettings deployed = settings();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxLabEmbedder("e5-int8-max64",
                TestData.e5SmallV2("e5-small-v2-q.onnx"), truncating, deployed.withMaxTokens(64), deployed.maxTokens()));
        assertTrue(e.getMessage().contains(truncating + " cuts texts at 128 tokens itself"), e.getMessage());
    }

    @Test
    void aLimitAboveTheDeployedOneIsRefused() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalog().withMaxTokens(1024));
        assertTrue(e.getMessage().startsWith("--max-tokens 1024 is above the deployed max-tokens 512"), e.getMessage());
    }

    private PrintStream out() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private static HuggingFaceSettings settings() throws Exception {
        HuggingFaceSettings settings = HuggingFaceSettings.read(
                TestData.root().resolve("app/src/main/application/services.xml"), HuggingFaceSettings.DEFAULT_COMPONENT);
        assertEquals(512, settings.maxTokens());
        return settings;
    }

    private static EmbedderCatalog catalog() throws Exception {
        return new EmbedderCatalog(TestData.e5SmallV2().getParent(), settings(), 0);
    }

    private static List<Passage> miraclPassages(int n) throws Exception {
        LabData data = LabInputs.read(TestData.miracl("yo-feed.jsonl.zst"), CorpusFormat.AUTO,
                TestData.miracl("topics.miracl-v1.0-yo-dev.tsv"), TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv"), n,
                false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return data.passages();
    }
}
