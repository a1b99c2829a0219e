package dev.embedlab.core.metrics;

import dev.embedlab.testsupport.TestData;
import dev.embedlab.core.data.Qrels;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tiny example of metrics/README.md of test-support: every number there, computed by the code. */
class EvaluatorHandWorkedTest {

    private static final double EPS = 1e-4;

    static Path resource(String name) throws Exception {
        return TestData.metricsExample(name);
    }

    @Test
    void perQueryAndMeanValuesMatchTheHandWorkedExample() throws Exception {
        Evaluation e = Evaluator.evaluate(TrecRunFile.read(resource("run.txt")), Qrels.read(resource("qrels.txt")));
        Map<String, QueryScores> byQid = e.perQuery().stream().collect(Collectors.toMap(QueryScores::qid, q -> q));

        assertEquals(List.of("q1", "q2", "q3"), e.perQuery().stream().map(QueryScores::qid).toList());
        assertEquals(0.654356, byQid.get("q1").ndcg10(), EPS);
        assertEquals(1.0, byQid.get("q1").recall100(), EPS);
        assertEquals(0.5, byQid.get("q1").mrr10(), EPS);
        assertEquals(0.521296, byQid.get("q2").ndcg10(), EPS);
        assertEquals(1.0, byQid.get("q2").recall100(), EPS);
        assertEquals(0.5, byQid.get("q2").mrr10(), EPS);
        assertEquals(0.0, byQid.get("q3").ndcg10(), EPS);

        assertEquals(0.391884, e.ndcg10(), EPS);
        assertEquals(0.666667, e.recall100(), EPS);
        assertEquals(0.333333, e.mrr10(), EPS);
        assertEquals(0.293913, e.ndcg10Complete(), EPS);
        assertEquals(List.of("q4"), e.missing());
        assertEquals(List.of("q5"), e.unjudged());
        assertEquals(List.of("q3"), e.withoutRelevant());
    }

    @Test
    void tiesAreBrokenByDocidDescendingNotByTheRankColumn() throws Exception {
        Run run = TrecRunFile.read(resource("run.txt"));
        List<String> order = TrecOrder.sorted(run.of("q1")).stream().map(RunEntry::docId).toList();
        assertEquals(List.of("d3", "d1", "d5", "d2", "d8", "d4"), order);
    }

    @Test
    void overlapAgainstTheBaselineMatchesTheHandWorkedExample() throws Exception {
        Run run = TrecRunFile.read(resource("run.txt"));
        Run baseline = TrecRunFile.read(resource("baseline.txt"));
        assertEquals(1.0 / 3, Metrics.overlap(run.of("q1"), baseline.of("q1"), 3), EPS);
        assertEquals(2.0 / 3, Metrics.overlap(run.of("q2"), baseline.of("q2"), 3), EPS);
        assertEquals(1.0, Metrics.overlap(run.of("q3"), baseline.of("q3"), 3), EPS);
        assertEquals(0.666667, Evaluator.meanOverlap(run, baseline, 3), EPS);
    }
}
