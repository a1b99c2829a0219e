package dev.embedlab.client.sweep;

/**
 * One row of a sweep table: which setting it measures; results are looked up by {@link #label()}.
 *
 * @param label     key of the row's evaluate and fbench results (also the run file name)
 * @param search    "exact" or "approximate"
 * @param maxLinks  max-links-per-node, or null (exact rows, threads sweep)
 * @param neighbors neighbors-to-explore-at-insert, or null
 * @param explore   hnsw.exploreAdditionalHits, or null
 * @param threads   ranking.matching.numThreadsPerSearch, or null
 */
public record SweepRow(String label, String search, Integer maxLinks, Integer neighbors, Integer explore, Integer threads) {
}
