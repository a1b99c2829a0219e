package dev.embedlab.lab;

import dev.embedlab.core.data.Passage;
import dev.embedlab.core.data.Qrels;
import dev.embedlab.core.data.Topic;
import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.core.metrics.Evaluator;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.RunEntry;
import dev.embedlab.testsupport.TrecEval;
import dev.embedlab.core.metrics.TrecRunFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exact search on a corpus small enough to rank by hand, scored from the run file the lab writes, with the
 * trec_eval ndcg_cut.10 rules (see test-support/src/main/resources/metrics/README.md), and by the real trec_eval 9.0.4.
 * <pre>
 * documents (unit vectors at an angle): d1 0°, d2 30°, d3 60°, d4 90°
 * q1 at 0°:  ranking d1 (1.0), d2 (0.866), d3 (0.5), d4 (0.0); qrels d2=2, d3=0, d4=1
 *            DCG@10 = 2/log2(3) + 1/log2(5) = 1.261860 + 0.430677 = 1.692537
 *            IDCG@10 = 2/log2(2) + 1/log2(3) = 2 + 0.630930 = 2.630930;  NDCG@10 = 0.643316, MRR@10 = 1/2
 * q2 at 90°: ranking d4, d3, d2, d1; qrels d1=1
 *            DCG@10 = 1/log2(5) = 0.430677;  IDCG@10 = 1;  NDCG@10 = 0.430677, MRR@10 = 1/4
 * mean NDCG@10 = 0.536996, recall@100 = 1, MRR@10 = 0.375
 * </pre>
 */
class ExactSearchTrecEvalTest {

    @TempDir
    Path dir;

    @Test
    void ndcgFromTheLabsRunFileIsTheHandComputedTrecEvalValue() throws Exception {
        float[] matrix = new float[8];
        String[] ids = {"d1", "d2", "d3", "d4"};
        for (int i = 0; i < 4; i++) {
            double angle = Math.toRadians(30 * i);
            matrix[2 * i] = (float) Math.cos(angle);
            matrix[2 * i + 1] = (float) Math.sin(angle);
        }
        FloatIndex index = new FloatIndex(matrix, 4, 2);
        float[][] queries = {{1, 0}, {0, 1}};
        Path qrelsFile = Files.writeString(dir.resolve("qrels.txt"), "q1 0 d2 2\nq1 0 d3 0\nq1 0 d4 1\nq2 0 d1 1\n");
        Qrels qrels = Qrels.read(qrelsFile);
        List<Passage> passages = List.of(ids).stream().map(id -> new Passage(id, "", id, null, 1)).toList();
        LabData data = new LabData(passages, List.of(new Topic("q1", "a"), new Topic("q2", "b")), qrels, 4, 0, false, List.of());

        TopK[] hits = new TopK[2];
        try (SearchPool pool = new SearchPool(3)) { // more slices than the scan needs: merging must still be exact
            for (int q = 0; q < 2; q++) hits[q] = index.search(queries[q], 100, pool);
        }
        Path runFile = dir.resolve("run.trec");
        TrecRunFile.write(LabRunner.toRun(hits, data, "exact"), runFile);
        Run fromFile = TrecRunFile.read(runFile);

        assertEquals(List.of("d1", "d2", "d3", "d4"), fromFile.of("q1").stream().map(RunEntry::docId).toList());
        assertEquals(List.of("d4", "d3", "d2", "d1"), fromFile.of("q2").stream().map(RunEntry::docId).toList());
        Evaluation e = Evaluator.evaluate(fromFile, qrels);
        Map<String, Double> perQuery = e.perQuery().stream().collect(
                java.util.stream.Collectors.toMap(s -> s.qid(), s -> s.ndcg10()));
        assertEquals(0.643316, perQuery.get("q1"), 1e-5);
        assertEquals(0.430677, perQuery.get("q2"), 1e-5);
        assertEquals(0.536996, e.ndcg10(), 1e-5);
        assertEquals(1.0, e.recall100(), 1e-9);
        assertEquals(0.375, e.mrr10(), 1e-9);
        Map<String, Map<String, Double>> trecEval = TrecEval.run(qrelsFile, runFile, "-m", "ndcg_cut.10");
        assertEquals(0.6433, trecEval.get("ndcg_cut_10").get("q1"));
        assertEquals(0.4307, trecEval.get("ndcg_cut_10").get("q2"));
        assertEquals(0.5370, trecEval.get("ndcg_cut_10").get("all"));
    }

    @Test
    void parallelSlicesGiveTheSameTopKAsOneThread() {
        int rows = 1000;
        int dims = 16;
        java.util.Random random = new java.util.Random(7);
        float[] matrix = new float[rows * dims];
        for (int i = 0; i < matrix.length; i++) matrix[i] = (float) random.nextGaussian();
        matrix[5 * dims] = 1e-3f; // rows 5 and 6 tie exactly: the lower index must win in both modes
        System.arraycopy(matrix, 5 * dims, matrix, 6 * dims, dims);
        FloatIndex index = new FloatIndex(matrix, rows, dims);
        float[] query = java.util.Arrays.copyOfRange(matrix, 5 * dims, 6 * dims);
        try (SearchPool one = new SearchPool(1); SearchPool four = new SearchPool(4)) {
            int[] a = index.search(query, 50, one).sortedDocs(null);
            int[] b = index.search(query, 50, four).sortedDocs(null);
            assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
            assertEquals(5, a[0]);
            assertEquals(6, a[1]);
        }
    }
}
