package dev.embedlab.lab;

/**
 * One point of the re-rank depth sweep: hamming top-{@code depth} re-ranked by the float vectors, scored on all
 * topics, and its NDCG@10 on the tuning half the depth is chosen on ({@link TopicSplit}).
 */
public record RerankPoint(String embedder, int depth, double ndcg10, double recall100, double mrr10, double searchQpsN,
                          double tuningNdcg10) {
}
