package dev.embedlab.lab;

/**
 * The re-rank depth chosen for one embedder on the tuning half of the topics, and how it does on the held-out half
 * it was not chosen on (NDCG@10 as trec_eval computes it over each half's scored queries).
 *
 * @param withinTolerance whether the depth met the tolerance on the tuning half (else it is the deepest swept)
 * @param tuningQueries   scored queries in the tuning half
 * @param heldOutQueries  scored queries in the held-out half
 */
public record RerankChoice(String embedder, int depth, boolean withinTolerance,
                           int tuningQueries, double floatTuningNdcg10, double tuningNdcg10,
                           int heldOutQueries, double floatHeldOutNdcg10, double heldOutNdcg10) {
}
