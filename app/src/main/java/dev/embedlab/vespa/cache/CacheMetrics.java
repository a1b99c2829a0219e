package dev.embedlab.vespa.cache;

import com.yahoo.jdisc.Metric;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache's Vespa metrics. Counters carry the embedder id as the dimension {@code embedder}; the size gauges
 * are for the whole cache. They show in the container's /state/v1/metrics and, once named in a metrics
 * consumer in services.xml, in Prometheus and the other exports.
 */
public final class CacheMetrics {

    public static final String PREFIX = "embedlab.query_embedding_cache.";
    public static final String HITS = PREFIX + "hits";
    public static final String MISSES = PREFIX + "misses";
    public static final String JOINS = PREFIX + "joins";
    public static final String UNCACHED = PREFIX + "uncached";
    public static final String FAILURES = PREFIX + "failures";
    public static final String EVICTIONS = PREFIX + "evictions";
    public static final String TRUNCATIONS = PREFIX + "truncations";
    public static final String ENTRIES = PREFIX + "entries";
    public static final String BYTES = PREFIX + "bytes";

    private final Metric metric;
    private final Metric.Context global;
    // Creating a context is not free; there are only as many as configured embedders.
    private final Map<String, Metric.Context> perEmbedder = new ConcurrentHashMap<>();

    public CacheMetrics(Metric metric) {
        this.metric = metric;
        this.global = metric.createContext(Map.of());
    }

    public void count(Lookup.Outcome outcome, String embedderId) {
        String name = switch (outcome) {
            case HIT -> HITS;
            case MISS -> MISSES;
            case JOINED -> JOINS;
            case UNCACHED -> UNCACHED;
        };
        metric.add(name, 1, context(embedderId));
    }

    public void failure(String embedderId) { metric.add(FAILURES, 1, context(embedderId)); }

    public void eviction(String embedderId) { metric.add(EVICTIONS, 1, context(embedderId)); }

    public void truncation(String embedderId) { metric.add(TRUNCATIONS, 1, context(embedderId)); }

    public void size(long entries, long bytes) {
        metric.set(ENTRIES, entries, global);
        metric.set(BYTES, bytes, global);
    }

    private Metric.Context context(String embedderId) {
        return perEmbedder.computeIfAbsent(embedderId, id -> metric.createContext(Map.of("embedder", id)));
    }
}
