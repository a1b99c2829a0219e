package dev.embedlab.lab;

import dev.embedlab.lab.hnsw.HnswParams;

import java.util.List;

/**
 * The HNSW settings the lab measures over each embedder's float document vectors: every index setting is built
 * once, then searched with every targetHits × exploreAdditionalHits.
 *
 * @param settings   max-links-per-node / neighbors-to-explore-at-insert (and the level seed) per index; empty: no HNSW
 * @param explore    hnsw.exploreAdditionalHits values
 * @param targetHits nearestNeighbor targetHits values
 * @param minSeconds each q/s measurement repeats the queries for at least this long
 */
public record HnswGrid(List<HnswParams> settings, List<Integer> explore, List<Integer> targetHits, double minSeconds) {

    public HnswGrid {
        settings = List.copyOf(settings);
        explore = List.copyOf(explore);
        targetHits = List.copyOf(targetHits);
        if (!settings.isEmpty() && (explore.isEmpty() || targetHits.isEmpty())) {
            throw new IllegalArgumentException("HNSW needs at least one exploreAdditionalHits and one targetHits value");
        }
        for (int e : explore) if (e < 0) throw new IllegalArgumentException("exploreAdditionalHits must be 0 or more, got " + e);
        for (int k : targetHits) if (k < 1) throw new IllegalArgumentException("targetHits must be at least 1, got " + k);
        if (minSeconds < 0) throw new IllegalArgumentException("HNSW timing seconds must be 0 or more, got " + minSeconds);
    }

    public static HnswGrid none() {
        return new HnswGrid(List.of(), List.of(), List.of(), 0);
    }

    public boolean enabled() {
        return !settings.isEmpty();
    }
}
