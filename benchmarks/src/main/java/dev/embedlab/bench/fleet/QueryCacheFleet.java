package dev.embedlab.bench.fleet;

import com.yahoo.component.ComponentId;
import com.yahoo.component.provider.ComponentRegistry;
import com.yahoo.jdisc.Metric;
import com.yahoo.language.Language;
import com.yahoo.language.process.Embedder;
import com.yahoo.tensor.TensorType;
import dev.embedlab.vespa.cache.CacheMetrics;
import dev.embedlab.vespa.cache.QueryEmbeddingCache;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * N query containers, each with its own {@link QueryEmbeddingCache} (the class the application deploys, with its
 * Caffeine W-TinyLFU eviction and its entry and byte bounds), fed one query stream through a router. Requests
 * run one after another: the result is the hit rate and model calls of the fleet, not its timing.
 */
public final class QueryCacheFleet {

    /** The e5 query input of the rank profiles (passage.sd: query(q_e5) tensor<float>(x[384])). */
    public static final TensorType E5_QUERY = TensorType.fromSpec("tensor<float>(x[384])");
    private static final String EMBEDDER_ID = "e5";

    private final Embedder model;
    private final long maxEntries;
    private final long maxBytes;

    /**
     * @param model      the model every container calls on a miss
     * @param maxEntries each container's cache bound in entries (services.xml: maxEntries)
     * @param maxBytes   each container's cache bound in bytes (services.xml: maxBytes)
     */
    public QueryCacheFleet(Embedder model, long maxEntries, long maxBytes) {
        this.model = model;
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public FleetResult replay(List<String> stream, int containers, Routing routing, long seed) {
        List<CountingEmbedder> counters = new ArrayList<>();
        List<QueryEmbeddingCache> caches = new ArrayList<>();
        for (int i = 0; i < containers; i++) {
            CountingEmbedder counter = new CountingEmbedder(model);
            ComponentRegistry<Embedder> embedders = new ComponentRegistry<>();
            embedders.register(ComponentId.fromString(EMBEDDER_ID), counter);
            embedders.freeze();
            counters.add(counter);
            caches.add(new QueryEmbeddingCache(maxEntries, maxBytes, embedders, new CacheMetrics(DISCARDING)));
        }
        Routing.Router router = routing.router(containers, seed);
        for (int i = 0; i < stream.size(); i++) {
            String text = stream.get(i);
            caches.get(router.containerFor(i, text)).embed(text, E5_QUERY, context());
        }
        long calls = counters.stream().mapToLong(CountingEmbedder::calls).sum();
        caches.forEach(QueryEmbeddingCache::deconstruct);
        return new FleetResult(containers, routing, maxEntries, stream.size(), calls);
    }

    /** As QueryEmbeddingCacheSearcher embeds for query(q_e5). */
    private static Embedder.Context context() {
        Embedder.Context context = new Embedder.Context("query(q_e5)");
        context.setLanguage(Language.UNKNOWN);
        context.setEmbedderId(EMBEDDER_ID);
        return context;
    }

    /** Metrics are not what this simulation reports; the counting embedders are. */
    private static final Metric DISCARDING = new Metric() {
        @Override public void set(String key, Number value, Context context) { }
        @Override public void add(String key, Number value, Context context) { }
        @Override public Context createContext(Map<String, ?> properties) { return new Context() { }; }
    };
}
