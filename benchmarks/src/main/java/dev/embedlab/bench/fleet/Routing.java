package dev.embedlab.bench.fleet;

import java.util.Random;

/** How a load balancer picks the query container for each request. */
public enum Routing {

    /** Request i goes to container i mod N (what a plain round-robin balancer does). */
    ROUND_ROBIN,
    /** Each request to a container drawn uniformly at random (seeded). */
    RANDOM,
    /** Requests with the same text always go to the same container: what a cache-aware (consistent-hash) router buys. */
    TEXT_AFFINITY;

    /** A router for one replay; RANDOM draws from its own seeded generator, so a replay is repeatable. */
    public Router router(int containers, long seed) {
        if (containers < 1) throw new IllegalArgumentException("containers must be at least 1, but is " + containers);
        Random random = new Random(seed);
        return switch (this) {
            case ROUND_ROBIN -> (index, text) -> (int) (index % containers);
            case RANDOM -> (index, text) -> random.nextInt(containers);
            case TEXT_AFFINITY -> (index, text) -> Math.floorMod(text.hashCode(), containers);
        };
    }

    @FunctionalInterface
    public interface Router {
        /** The container (0 .. N-1) that serves request number {@code index} with this text. */
        int containerFor(long index, String text);
    }

    public String label() { return name().toLowerCase().replace('_', '-'); }
}
