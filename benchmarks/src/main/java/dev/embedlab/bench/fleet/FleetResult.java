package dev.embedlab.bench.fleet;

/**
 * One replay of a query stream through a fleet of query containers, each with its own cache.
 *
 * @param containers  query containers N
 * @param routing     how requests were spread over them
 * @param maxEntries  each container's cache bound (entries)
 * @param requests    requests replayed
 * @param modelCalls  model calls all containers made together (cache misses)
 */
public record FleetResult(int containers, Routing routing, long maxEntries, long requests, long modelCalls) {

    public double hitRate() { return requests == 0 ? 0 : 1 - (double) modelCalls / requests; }

    /** Model calls the caches saved, against the same fleet without a cache (one call per request). */
    public long callsSaved() { return requests - modelCalls; }
}
