package dev.embedlab.core.metrics;

import java.util.List;
import java.util.Locale;

/**
 * The result of scoring a run against qrels, with every query accounted for.
 *
 * @param perQuery       scores of the queries that are both in the run (with at least one document) and in the
 *                       qrels: exactly the queries trec_eval evaluates by default
 * @param ndcg10         mean NDCG@10 over {@code perQuery}: trec_eval {@code -m ndcg_cut.10}
 * @param recall100      mean recall@100 over {@code perQuery}: trec_eval {@code -m recall.100}
 * @param mrr10          mean MRR@10 over {@code perQuery}
 * @param ndcg10Complete mean NDCG@10 over all queries in the qrels, missing ones counting 0: trec_eval {@code -c}
 * @param missing        query ids in the qrels with no document in the run (failed or empty queries)
 * @param unjudged       query ids in the run that have no qrels line (trec_eval ignores them)
 * @param withoutRelevant evaluated query ids whose qrels hold no grade >= 1 (they score 0, and count, as in trec_eval)
 */
public record Evaluation(List<QueryScores> perQuery, double ndcg10, double recall100, double mrr10,
                         double ndcg10Complete, List<String> missing, List<String> unjudged,
                         List<String> withoutRelevant) {

    public Evaluation {
        perQuery = List.copyOf(perQuery);
        missing = List.copyOf(missing);
        unjudged = List.copyOf(unjudged);
        withoutRelevant = List.copyOf(withoutRelevant);
    }

    public int evaluated() {
        return perQuery.size();
    }

    /** A few lines for a terminal. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "queries evaluated: %d (as trec_eval: in run and in qrels)%n", evaluated()));
        s.append(String.format(Locale.ROOT, "NDCG@10:   %.4f   (trec_eval ndcg_cut.10)%n", ndcg10));
        s.append(String.format(Locale.ROOT, "recall@100: %.4f  (trec_eval recall.100)%n", recall100));
        s.append(String.format(Locale.ROOT, "MRR@10:    %.4f%n", mrr10));
        if (!missing.isEmpty()) {
            s.append(String.format(Locale.ROOT, "judged queries without results: %d; NDCG@10 counting them as 0 "
                    + "(trec_eval -c): %.4f%n", missing.size(), ndcg10Complete));
        }
        if (!withoutRelevant.isEmpty()) {
            s.append(String.format(Locale.ROOT, "queries with no relevant judgment (scored 0, counted): %d%n",
                    withoutRelevant.size()));
        }
        if (!unjudged.isEmpty()) {
            s.append(String.format(Locale.ROOT, "queries in the run without qrels (ignored): %d%n", unjudged.size()));
        }
        return s.toString();
    }
}
