package dev.embedlab.client.sweep;

import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.schema.QueryKind;

/**
 * One row of a sweep table: which setting it measures; results are looked up by {@link #label()}.
 *
 * @param label     key of the row's evaluate and fbench results (also the run file name)
 * @param search    "exact" or "approximate"
 * @param maxLinks  max-links-per-node, or null (exact rows, threads sweep)
 * @param neighbors neighbors-to-explore-at-insert, or null
 * @param explore   hnsw.exploreAdditionalHits, or null
 * @param threads   ranking.matching.numThreadsPerSearch, or null
 * @param embed     how the row's fbench requests were embedded (its latency and QPS depend on it)
 * @param kind      what the row's fbench requests asked for
 */
public record SweepRow(String label, String search, Integer maxLinks, Integer neighbors, Integer explore, Integer threads,
                       EmbedForm embed, QueryKind kind) {
}
