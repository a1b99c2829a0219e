package dev.embedlab.lab;

/** One point of the re-rank depth sweep: hamming top-{@code depth} re-ranked by the float vectors. */
public record RerankPoint(String embedder, int depth, double ndcg10, double recall100, double mrr10, double searchQpsN) {
}
