package dev.embedlab.lab.hnsw;

import dev.embedlab.core.hnsw.HnswSetting;

/**
 * The index-time settings of a Vespa HNSW index, as the schema names them, and the seed of the level generator.
 *
 * <p>Link limits follow Vespa's {@code DefaultNearestNeighborIndexFactory}, which builds the index with
 * {@code HnswIndexConfig(m * 2, m, neighbors_to_explore_at_insert, 10000, true)}: layer 0 keeps up to
 * 2 × max-links-per-node links, the layers above up to max-links-per-node, the neighbour-selection heuristic is on.
 *
 * @param maxLinksPerNode            schema {@code max-links-per-node} (M)
 * @param neighborsToExploreAtInsert schema {@code neighbors-to-explore-at-insert} (ef at construction)
 * @param seed                       seed of the {@link LevelGenerator}
 */
public record HnswParams(int maxLinksPerNode, int neighborsToExploreAtInsert, long seed) {

    /** The fixed seed Vespa's {@code InvLogLevelGenerator} gives its mt19937_64 (our generator differs, the seed is kept). */
    public static final long VESPA_SEED = 0x1234deadbeef5678L;

    public HnswParams {
        if (maxLinksPerNode < 2) {
            throw new IllegalArgumentException("max-links-per-node must be at least 2 (1/ln(M) is the level multiplier), got "
                    + maxLinksPerNode);
        }
        if (neighborsToExploreAtInsert < 1) {
            throw new IllegalArgumentException("neighbors-to-explore-at-insert must be at least 1, got " + neighborsToExploreAtInsert);
        }
    }

    /** Vespa's {@code HnswIndex::max_links_for_level}: 2M on layer 0, M above. */
    public int maxLinks(int level) {
        return level == 0 ? 2 * maxLinksPerNode : maxLinksPerNode;
    }

    /** Links a newly inserted node gets on every one of its layers (Vespa's {@code max_links_on_inserts}: M, layer 0 too). */
    public int linksOnInsert() {
        return maxLinksPerNode;
    }

    public HnswParams withSeed(long newSeed) {
        return new HnswParams(maxLinksPerNode, neighborsToExploreAtInsert, newSeed);
    }

    /** "max-links-per-node/neighbors-to-explore-at-insert", the form {@code --hnsw} and {@code embedlab sweep hnsw --grid} take. */
    public String label() {
        return new HnswSetting(maxLinksPerNode, neighborsToExploreAtInsert).toString();
    }

    /** Parses "M/ef", e.g. "16/100" ({@link HnswSetting#parse}), with the given seed. */
    public static HnswParams parse(String text, long seed) {
        HnswSetting setting = HnswSetting.parse(text);
        return new HnswParams(setting.maxLinksPerNode(), setting.neighborsToExploreAtInsert(), seed);
    }
}
