package dev.embedlab.core.metrics;

import dev.embedlab.testsupport.TrecEval;
import dev.embedlab.core.data.Qrels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our metrics against the real trec_eval 9.0.4 on random qrels and runs that hit every rule that matters:
 * score ties (broken by docid, as strings: "d10" before "d9"), a rank column that disagrees with the scores,
 * unjudged and grade-0 and negative-grade documents, relevant documents beyond rank 10 and beyond rank 100,
 * queries whose qrels hold no relevant document, queries only in the qrels, and queries only in the run.
 */
class TrecEvalParityTest {

    private static final double[] SCORES = {0.9, 0.75, 0.5, 0.5, 0.25, 0.125, 0.0, -0.5};

    @TempDir
    Path dir;

    @Test
    void ndcgRecallAndMrrEqualTrecEvalPerQueryAndOnAverage() throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            Path qrelsFile = writeQrels(random, dir.resolve("qrels-" + seed + ".txt"));
            Path runFile = writeRun(random, dir.resolve("run-" + seed + ".txt"));
            Evaluation ours = Evaluator.evaluate(TrecRunFile.read(runFile), Qrels.read(qrelsFile));

            Map<String, Map<String, Double>> trec = TrecEval.run(qrelsFile, runFile, "-m", "ndcg_cut.10", "-m", "recall.100");
            Map<String, Map<String, Double>> trecMrr = TrecEval.run(qrelsFile, runFile, "-M", "10", "-m", "recip_rank");
            Map<String, Map<String, Double>> trecComplete = TrecEval.run(qrelsFile, runFile, "-c", "-m", "ndcg_cut.10");

            String context = "seed " + seed;
            Set<String> trecQueries = new TreeSet<>(trec.get("ndcg_cut_10").keySet());
            trecQueries.remove("all");
            assertEquals(trecQueries, new TreeSet<>(ours.perQuery().stream().map(QueryScores::qid).toList()),
                    context + ": the evaluated queries");
            for (QueryScores q : ours.perQuery()) {
                String at = context + ", query " + q.qid();
                assertEquals(trec.get("ndcg_cut_10").get(q.qid()), q.ndcg10(), TrecEval.PRINTED_PRECISION, at + " ndcg_cut.10");
                assertEquals(trec.get("recall_100").get(q.qid()), q.recall100(), TrecEval.PRINTED_PRECISION, at + " recall.100");
                assertEquals(trecMrr.get("recip_rank").get(q.qid()), q.mrr10(), TrecEval.PRINTED_PRECISION, at + " recip_rank -M 10");
            }
            assertEquals(trec.get("ndcg_cut_10").get("all"), ours.ndcg10(), TrecEval.PRINTED_PRECISION, context);
            assertEquals(trec.get("recall_100").get("all"), ours.recall100(), TrecEval.PRINTED_PRECISION, context);
            assertEquals(trecMrr.get("recip_rank").get("all"), ours.mrr10(), TrecEval.PRINTED_PRECISION, context);
            assertEquals(trecComplete.get("ndcg_cut_10").get("all"), ours.ndcg10Complete(), TrecEval.PRINTED_PRECISION,
                    context + ": trec_eval -c");
        }
    }

    /** q1..q30 judged; q26..q30 have only grade 0 and negative grades. */
    private static Path writeQrels(Random random, Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int q = 1; q <= 30; q++) {
            boolean noneRelevant = q > 25;
            for (String doc : sample(random, 1 + random.nextInt(25))) {
                int grade = noneRelevant ? random.nextInt(2) - 1 : random.nextInt(5) - 1; // -1..0 or -1..3
                s.append("q").append(q).append(" 0 ").append(doc).append(' ').append(grade).append('\n');
            }
        }
        return Files.writeString(file, s);
    }

    /** q1..q20 and q26..q35 answered (q21..q25 only judged, q31..q35 only in the run), 0..150 documents each. */
    private static Path writeRun(Random random, Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int q = 1; q <= 35; q++) {
            if (q > 20 && q <= 25) continue;
            List<String> docs = sample(random, 1 + random.nextInt(150));
            for (int rank = 0; rank < docs.size(); rank++) {
                double score = SCORES[random.nextInt(SCORES.length)] - rank * (random.nextBoolean() ? 0 : 1e-3);
                s.append("q").append(q).append(" Q0 ").append(docs.get(rank)).append(' ').append(rank + 1)
                        .append(' ').append(score).append(" random\n");
            }
        }
        return Files.writeString(file, s);
    }

    /** Distinct ids from d1..d200, so runs and qrels overlap a lot and ids of different lengths tie. */
    private static List<String> sample(Random random, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 200; i++) ids.add("d" + i);
        Collections.shuffle(ids, random);
        return ids.subList(0, n);
    }
}
