package dev.embedlab.vespa.cache;

import com.yahoo.component.ComponentId;
import com.yahoo.component.provider.ComponentRegistry;
import com.yahoo.language.process.Embedder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Configuration mistakes stop the searcher from starting, with a message naming the mistake. */
class SearcherConfigurationTest {

    private final QueryEmbeddingCache cache = cacheWith("e5");

    @Test
    void unknownEmbedder() {
        var e = assertThrows(IllegalArgumentException.class,
                             () -> searcher(List.of(new FeatureMapping("e6", "query(q_e5)"))));
        assertEquals("query-embedding-cache-searcher: mapping to query(q_e5) names embedder 'e6', which is not a " +
                     "component of this container", e.getMessage());
    }

    @Test
    void featureNotOnTheQueryForm() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FeatureMapping("e5", "q_e5"));
        assertEquals("Mapping of embedder 'e5': feature must be on the form query(name), but is 'q_e5'", e.getMessage());
    }

    @Test
    void featureMappedTwice() {
        var e = assertThrows(IllegalArgumentException.class,
                             () -> searcher(List.of(new FeatureMapping("e5", "query(q)"), new FeatureMapping("e5", "query(q)"))));
        assertEquals("query-embedding-cache-searcher: a feature is mapped more than once: " +
                     "[FeatureMapping[embedderId=e5, feature=query(q), cached=true], FeatureMapping[embedderId=e5, feature=query(q), cached=true]]",
                     e.getMessage());
    }

    @Test
    void blankParameter() {
        var e = assertThrows(IllegalArgumentException.class,
                             () -> new QueryEmbeddingCacheSearcher(" ", List.of(), 10, false, cache));
        assertEquals("query-embedding-cache-searcher: parameter is blank", e.getMessage());
    }

    private QueryEmbeddingCacheSearcher searcher(List<FeatureMapping> mappings) {
        return new QueryEmbeddingCacheSearcher("embedlab.text", mappings, 2048, false, cache);
    }

    /** The searcher only asks the cache which embedder ids exist; this one is never called. */
    private static QueryEmbeddingCache cacheWith(String id) {
        ComponentRegistry<Embedder> registry = new ComponentRegistry<>();
        registry.register(ComponentId.fromString(id), Embedder.throwsOnUse);
        registry.freeze();
        return new QueryEmbeddingCache(10, 100_000, registry, new CacheMetrics(new RecordingMetric()));
    }
}
