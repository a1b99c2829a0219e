package dev.embedlab.lab;

import dev.embedlab.core.data.CorpusFormat;
import dev.embedlab.core.data.Passage;
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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --max-tokens}: e5-int8 through Vespa's embedder at a shorter limit, reusing what the longer limit cached. */
class MaxTokensTest {

    private static final int LIMIT = 64; // about the average MIRACL yo passage, so some fit and some are cut

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
        Matcher m = Pattern.compile("(\\d+) more from .* \\(max-tokens 512\\), whose texts fit in " + LIMIT
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

    private PrintStream out() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private static EmbedderCatalog catalog() throws Exception {
        HuggingFaceSettings settings = HuggingFaceSettings.read(
                TestData.root().resolve("app/src/main/application/services.xml"), HuggingFaceSettings.DEFAULT_COMPONENT);
        assertEquals(512, settings.maxTokens());
        return new EmbedderCatalog(TestData.e5SmallV2().getParent(), settings, 0);
    }

    private static List<Passage> miraclPassages(int n) throws Exception {
        LabData data = LabInputs.read(TestData.miracl("yo-feed.jsonl.zst"), CorpusFormat.AUTO,
                TestData.miracl("topics.miracl-v1.0-yo-dev.tsv"), TestData.miracl("qrels.miracl-v1.0-yo-dev.tsv"), n,
                false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return data.passages();
    }
}
