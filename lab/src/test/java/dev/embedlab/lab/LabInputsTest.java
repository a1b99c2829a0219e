package dev.embedlab.lab;

import dev.embedlab.core.data.CorpusFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input: what is reported, what stops the run, and that nothing changes the judgments silently. */
class LabInputsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private Path corpus(String... lines) throws IOException {
        return Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n", lines) + "\n");
    }

    private static String doc(String id, String text) {
        return "{\"put\":\"id:miracl:passage::" + id + "\",\"fields\":{\"doc_id\":\"" + id + "\",\"title\":\"T\",\"text\":\"" + text + "\"}}";
    }

    private Path topics(String content) throws IOException {
        return Files.writeString(dir.resolve("topics.tsv"), content);
    }

    private Path qrels(String content) throws IOException {
        return Files.writeString(dir.resolve("qrels.txt"), content);
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void malformedCorpusLineIsSkippedWithItsLineNumberAndCounted() throws IOException {
        Path corpus = corpus(doc("a", "x"), doc("b", "y"), "{\"put\": broken", doc("c", "z"));
        LabData data = LabInputs.read(corpus, CorpusFormat.AUTO, topics("q1\tquery\n"), qrels("q1 0 a 1\n"), 0, false, log);
        assertEquals(3, data.passages().size());
        assertEquals(1, data.skippedLines());
        assertEquals(4, data.corpusLines()); // reconciles: 3 passages + 1 skipped
        assertTrue(log().contains(corpus + ":3: invalid JSON"), log());
        assertFalse(data.warnings().isEmpty());
    }

    @Test
    void strictStopsOnAMalformedCorpusLine() throws IOException {
        Path corpus = corpus(doc("a", "x"), "not json");
        IOException e = assertThrows(LabInputs.StrictInputException.class, () -> LabInputs.read(corpus, CorpusFormat.AUTO,
                topics("q1\tquery\n"), qrels("q1 0 a 1\n"), 0, true, log));
        assertTrue(e.getMessage().contains(corpus + ":2:"), e.getMessage());
    }

    @Test
    void malformedQrelsOrTopicsLinesStopTheRunWithTheirLineNumbers() throws IOException {
        Path corpus = corpus(doc("a", "x"));
        IOException q = assertThrows(IOException.class, () -> LabInputs.read(corpus, CorpusFormat.AUTO,
                topics("q1\tquery\n"), qrels("q1 0 a 1\nq1 0 b\n"), 0, false, log));
        assertTrue(q.getMessage().contains("qrels.txt:2"), q.getMessage());
        IOException t = assertThrows(IOException.class, () -> LabInputs.read(corpus, CorpusFormat.AUTO,
                topics("q1\tquery\nno tab here\n"), qrels("q1 0 a 1\n"), 0, false, log));
        assertTrue(t.getMessage().contains("topics.tsv:2"), t.getMessage());
    }

    @Test
    void qrelsForUnknownDocumentsAreReportedAndKeptAsTrecEvalDoes() throws IOException {
        LabData data = LabInputs.read(corpus(doc("a", "x")), CorpusFormat.AUTO, topics("q1\tquery\n"),
                qrels("q1 0 a 1\nq1 0 gone 2\n"), 0, false, log);
        assertTrue(log().contains("1 qrels lines name documents that are not in the corpus (1 of them relevant"), log());
        assertTrue(log().contains("q1/gone"), log());
        assertEquals(2, data.qrels().of("q1").size()); // still in the ideal ranking: the score is not inflated
        assertThrows(LabInputs.StrictInputException.class, () -> LabInputs.read(corpus(doc("a", "x")), CorpusFormat.AUTO,
                topics("q1\tquery\n"), qrels("q1 0 a 1\nq1 0 gone 2\n"), 0, true, log));
    }

    @Test
    void topicsWithoutQrelsAndQrelsWithoutTopicsAreReported() throws IOException {
        LabData data = LabInputs.read(corpus(doc("a", "x")), CorpusFormat.AUTO, topics("q1\tquery\nq2\tother\n"),
                qrels("q1 0 a 1\nq9 0 a 1\n"), 0, false, log);
        assertEquals(2, data.topics().size());
        assertTrue(log().contains("1 topics have no qrels: embedded and timed, not scored (as trec_eval): q2"), log());
        assertTrue(log().contains("1 qrels queries have no topic"), log());
    }

    @Test
    void duplicateDocumentIdsStop() throws IOException {
        Path corpus = corpus(doc("a", "x"), doc("a", "y"));
        IOException e = assertThrows(IOException.class, () -> LabInputs.read(corpus, CorpusFormat.AUTO,
                topics("q1\tquery\n"), qrels("q1 0 a 1\n"), 0, false, log));
        assertTrue(e.getMessage().contains(corpus + ":2: document id 'a' already seen at line 1"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> LabInputs.read(dir.resolve("nope.jsonl"),
                CorpusFormat.AUTO, topics("q1\tquery\n"), qrels("q1 0 a 1\n"), 0, false, log));
        assertEquals(dir.resolve("nope.jsonl").toString(), e.getFile());
    }

    @Test
    void subsetKeepsRelevantDocumentsFirstAndDropsJudgmentsOutsideIt() throws IOException {
        Path corpus = corpus(doc("a", "x"), doc("b", "y"), doc("c", "z"), doc("d", "w"));
        LabData data = LabInputs.read(corpus, CorpusFormat.AUTO, topics("q1\tquery\nq2\tother\n"),
                qrels("q1 0 d 1\nq1 0 c 0\nq2 0 b 1\n"), 3, false, log);
        assertEquals(java.util.List.of("a", "b", "d"), data.passages().stream().map(p -> p.docId()).toList());
        assertTrue(data.subset());
        assertEquals(java.util.Map.of("d", 1), data.qrels().of("q1")); // c (not in the subset) is gone
        assertTrue(log().contains("NOT comparable"), log());
    }
}
