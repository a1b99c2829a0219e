package dev.embedlab.lab.hnsw;

import java.util.SplittableRandom;

/**
 * The layer each node tops out at, drawn as Vespa's {@code InvLogLevelGenerator} draws it:
 * {@code floor(-ln(1 - U) / ln(M))} for U uniform in [0, 1), a geometric distribution with
 * Pr(level ≥ k) = M^-k, capped at Vespa's {@code max_max_level} (29). Vespa seeds an mt19937_64 with a fixed
 * constant; this draws from {@link SplittableRandom} with the given seed, so the distribution is the same and the
 * stream is not. Levels are drawn for node 0, 1, 2, … in order, so a seed fixes them whatever the thread count.
 */
final class LevelGenerator {

    /** Vespa's {@code HnswIndex::max_max_level}. */
    static final int MAX_LEVEL = 29;

    private final SplittableRandom random;
    private final double multiplier;

    LevelGenerator(int maxLinksPerNode, long seed) {
        this.random = new SplittableRandom(seed);
        this.multiplier = 1.0 / Math.log(maxLinksPerNode);
    }

    int next() {
        double uniform = random.nextDouble();
        return (int) Math.min(MAX_LEVEL, -Math.log(1.0 - uniform) * multiplier);
    }

    /** Levels of nodes 0 .. n-1. */
    static byte[] draw(int n, HnswParams params) {
        LevelGenerator generator = new LevelGenerator(params.maxLinksPerNode(), params.seed());
        byte[] levels = new byte[n];
        for (int i = 0; i < n; i++) levels[i] = (byte) generator.next();
        return levels;
    }
}
