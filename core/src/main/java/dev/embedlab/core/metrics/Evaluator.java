package dev.embedlab.core.metrics;

import dev.embedlab.core.data.Qrels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores a run against qrels the way trec_eval does by default: only queries present in both are evaluated
 * (a query with no lines in a run file does not exist for trec_eval, so a query with an empty result list is
 * treated the same way), and means are over those queries. Queries in the qrels but not answered are listed
 * in {@link Evaluation#missing()} and folded in as zeros in {@link Evaluation#ndcg10Complete()} (trec_eval -c),
 * so a failed query never disappears silently.
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation evaluate(Run run, Qrels qrels) {
        List<QueryScores> perQuery = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> withoutRelevant = new ArrayList<>();
        for (String qid : qrels.queryIds()) {
            List<RunEntry> entries = run.of(qid);
            if (entries.isEmpty()) {
                missing.add(qid);
                continue;
            }
            Map<String, Integer> judgments = qrels.of(qid);
            int relevant = qrels.relevantCount(qid);
            if (relevant == 0) withoutRelevant.add(qid);
            perQuery.add(new QueryScores(qid,
                    Metrics.ndcg(entries, judgments, 10),
                    Metrics.recall(entries, judgments, 100),
                    Metrics.reciprocalRank(entries, judgments, 10),
                    relevant, entries.size()));
        }
        List<String> unjudged = run.queryIds().stream()
                .filter(qid -> !run.of(qid).isEmpty() && qrels.of(qid).isEmpty()).toList();
        double ndcgSum = perQuery.stream().mapToDouble(QueryScores::ndcg10).sum();
        int judgedQueries = qrels.queryIds().size();
        return new Evaluation(perQuery,
                mean(ndcgSum, perQuery.size()),
                mean(perQuery.stream().mapToDouble(QueryScores::recall100).sum(), perQuery.size()),
                mean(perQuery.stream().mapToDouble(QueryScores::mrr10).sum(), perQuery.size()),
                mean(ndcgSum, judgedQueries),
                missing, unjudged, withoutRelevant);
    }

    /**
     * Mean overlap@k of a run against a baseline (normally exact search) over the queries both answered,
     * see {@link Metrics#overlap}. Returns NaN when no query is shared.
     */
    public static double meanOverlap(Run run, Run baseline, int k) {
        double sum = 0;
        int n = 0;
        for (String qid : baseline.queryIds()) {
            if (run.of(qid).isEmpty() || baseline.of(qid).isEmpty()) continue;
            sum += Metrics.overlap(run.of(qid), baseline.of(qid), k);
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double mean(double sum, int n) {
        return n == 0 ? 0.0 : sum / n;
    }
}
