package dev.embedlab.core.metrics;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    @Test
    void perfectRankingScoresOneAndOnlyTopTenCounts() {
        Map<String, Integer> qrels = Map.of("a", 3, "b", 2, "c", 1);
        List<RunEntry> perfect = List.of(new RunEntry("a", 1, 3), new RunEntry("b", 2, 2), new RunEntry("c", 3, 1));
        assertEquals(1.0, Metrics.ndcg(perfect, qrels, 10), 1e-12);
        List<RunEntry> swapped = List.of(new RunEntry("b", 1, 3), new RunEntry("a", 2, 2), new RunEntry("c", 3, 1));
        assertTrue(Metrics.ndcg(swapped, qrels, 10) < 1.0);
        // eleven unjudged documents push the only relevant one to rank 12
        List<RunEntry> deep = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) deep.add(new RunEntry("x" + i, i + 1, 100 - i));
        deep.add(new RunEntry("a", 12, 1));
        assertEquals(0.0, Metrics.ndcg(deep, Map.of("a", 1), 10), 0);
        assertEquals(0.0, Metrics.reciprocalRank(deep, Map.of("a", 1), 10), 0);
        assertEquals(1.0, Metrics.recall(deep, Map.of("a", 1), 100), 0);
    }

    @Test
    void negativeGradesAreUnjudgedAndGiveNoGain() {
        Map<String, Integer> qrels = Map.of("a", -1, "b", 1);
        List<RunEntry> run = List.of(new RunEntry("a", 1, 2), new RunEntry("b", 2, 1));
        assertEquals(1 / (Math.log(3) / Math.log(2)), Metrics.ndcg(run, qrels, 10), 1e-12);
    }

    @Test
    void runFileRoundTripsScoresExactly(@TempDir Path dir) throws Exception {
        Run run = new Run.Builder("e5 exact").add("q1", List.of(
                new RunEntry("598#0", 1, 0.123456789012345), new RunEntry("599#1", 2, 0.1234567890123449))).build();
        Path file = dir.resolve("run.txt");
        TrecRunFile.write(run, file);
        StringWriter text = new StringWriter();
        TrecRunFile.write(run, text);
        assertTrue(text.toString().startsWith("q1 Q0 598#0 1 0.123456789012345 e5_exact\n"), text.toString());
        Run back = TrecRunFile.read(file);
        assertEquals(run.of("q1"), back.of("q1"));
    }

    @Test
    void duplicateDocumentInRunFileIsRejectedWithLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dup.txt");
        Files.writeString(file, "q1 Q0 a 1 1.0 t\nq1 Q0 a 2 0.5 t\n");
        Exception e = assertThrows(java.io.IOException.class, () -> TrecRunFile.read(file));
        assertTrue(e.getMessage().contains("dup.txt:2"), e.getMessage());
    }
}
