package dev.embedlab.core.metrics;

/** The metrics of one evaluated query. */
public record QueryScores(String qid, double ndcg10, double recall100, double mrr10, int relevant, int retrieved) {
}
