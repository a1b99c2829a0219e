package dev.embedlab.client.evaluate;

import dev.embedlab.client.schema.QuerySpec;

import dev.embedlab.client.schema.QueryMode;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The query-shaping options shared by evaluate, fbench and the sweeps (a picocli mixin); see {@link QuerySpec}. */
public final class QueryOptions {

    @Option(names = "--mode", defaultValue = "e5", converter = QueryModeConverter.class,
            description = "Query mode: e5, e5-fast (aligned static queries, e5 documents), static, bm25 or hybrid (default: ${DEFAULT-VALUE}).")
    public QueryMode mode;

    @Option(names = "--exact", description = "Exact nearest-neighbour search (approximate:false) instead of HNSW.")
    public boolean exact;

    @Option(names = "--target-hits", defaultValue = "100", description = "nearestNeighbor targetHits (default: ${DEFAULT-VALUE}).")
    public int targetHits;

    @Option(names = "--explore-additional-hits", defaultValue = "0",
            description = "hnsw.exploreAdditionalHits (default: ${DEFAULT-VALUE}).")
    public int exploreAdditionalHits;

    @Option(names = "--hits", defaultValue = "100", description = "Hits per query (default: ${DEFAULT-VALUE}).")
    public int hits;

    @Option(names = "--language", description = "Query language, e.g. sw or yo.")
    public String language;

    @Option(names = "--param", description = "Extra request parameter key=value, repeatable "
            + "(e.g. ranking.matching.numThreadsPerSearch=2).")
    public Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--timeout", defaultValue = "20", description = "Vespa request timeout in seconds (default: ${DEFAULT-VALUE}).")
    public double timeoutSeconds;

    public QuerySpec toSpec() {
        return new QuerySpec(mode, !exact, targetHits, exploreAdditionalHits, hits,
                Duration.ofMillis((long) (timeoutSeconds * 1000)), language, params);
    }

    /** picocli converter for {@link QueryMode#parse}. */
    public static final class QueryModeConverter implements picocli.CommandLine.ITypeConverter<QueryMode> {
        @Override
        public QueryMode convert(String value) {
            return QueryMode.parse(value);
        }
    }
}
