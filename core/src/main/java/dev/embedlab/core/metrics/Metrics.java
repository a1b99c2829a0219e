package dev.embedlab.core.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-query retrieval metrics with trec_eval semantics. Every method takes the run entries of one query (in
 * any order; they are ranked with {@link TrecOrder} first) and that query's judgments (docid to grade).
 * <p>
 * NDCG@k is trec_eval's {@code ndcg_cut.k} (m_ndcg_cut.c, usnistgov/trec_eval 9.x):
 * <ul>
 *   <li>gain of a retrieved document = its grade in the qrels when the grade is > 0, else 0 (judged non-relevant,
 *       unjudged and negative "in pool, unjudged" grades all give 0);</li>
 *   <li>DCG@k = sum over ranks r = 1..k of gain(r) / log2(r + 1) (the first rank is not discounted);</li>
 *   <li>the ideal DCG@k uses all judgments of the query with grade >= 1, sorted by grade descending, cut at k,
 *       whether or not they were retrieved;</li>
 *   <li>when the ideal DCG is 0 (the query has judgments but none relevant) NDCG is 0, and trec_eval counts
 *       such a query in its mean; a query with no qrels line at all is not evaluated (see {@link Evaluator}).</li>
 * </ul>
 * Recall@k is trec_eval's {@code recall.k}: relevant (grade >= 1) documents in the top k / all relevant
 * documents of the query (0 when there are none). MRR@k is 1/rank of the first relevant document within the
 * top k, else 0 (trec_eval's {@code recip_rank} has no cutoff; this is the MS MARCO style MRR@10).
 */
public final class Metrics {

    private Metrics() {
    }

    public static double ndcg(List<RunEntry> entries, Map<String, Integer> judgments, int k) {
        List<RunEntry> ranked = TrecOrder.sorted(entries);
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            int grade = judgments.getOrDefault(ranked.get(i).docId(), 0);
            if (grade > 0) dcg += grade / log2(i + 2);
        }
        int[] ideal = judgments.values().stream().filter(g -> g > 0)
                .sorted((a, b) -> Integer.compare(b, a)).mapToInt(Integer::intValue).toArray();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.length); i++) {
            idcg += ideal[i] / log2(i + 2);
        }
        return idcg > 0 ? dcg / idcg : 0.0;
    }

    public static double recall(List<RunEntry> entries, Map<String, Integer> judgments, int k) {
        long relevant = judgments.values().stream().filter(g -> g >= 1).count();
        if (relevant == 0) return 0.0;
        List<RunEntry> ranked = TrecOrder.sorted(entries);
        long found = ranked.stream().limit(k).filter(e -> judgments.getOrDefault(e.docId(), 0) >= 1).count();
        return (double) found / relevant;
    }

    public static double reciprocalRank(List<RunEntry> entries, Map<String, Integer> judgments, int k) {
        List<RunEntry> ranked = TrecOrder.sorted(entries);
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (judgments.getOrDefault(ranked.get(i).docId(), 0) >= 1) return 1.0 / (i + 1);
        }
        return 0.0;
    }

    /**
     * Overlap@k of a run with a baseline for one query: |top-k(run) ∩ top-k(baseline)| / |top-k(baseline)|.
     * Normally that is the share of the exact top k that approximate search found; dividing by the baseline's
     * size (not k) keeps an identical run at 1.0 when the baseline returned fewer than k documents.
     * Returns NaN when the baseline has no documents for the query.
     */
    public static double overlap(List<RunEntry> entries, List<RunEntry> baseline, int k) {
        List<RunEntry> base = TrecOrder.sorted(baseline);
        if (base.isEmpty()) return Double.NaN;
        Set<String> expected = new HashSet<>();
        base.stream().limit(k).forEach(e -> expected.add(e.docId()));
        long shared = TrecOrder.sorted(entries).stream().limit(k).filter(e -> expected.contains(e.docId())).count();
        return (double) shared / expected.size();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
