package dev.embedlab.client.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that shapes one kind of query request: mode, exact or approximate nearest-neighbour search,
 * targetHits, hnsw.exploreAdditionalHits, hits, server timeout, language and extra request parameters (for
 * example {@code ranking.matching.numThreadsPerSearch}). It renders the JSON body of a POST to {@code /search/},
 * the same body evaluate sends and fbench replays.
 *
 * @param mode                  what to search with
 * @param approximate           HNSW (true) or exact brute force (false) for the nearest-neighbour part
 * @param targetHits            nearestNeighbor targetHits
 * @param exploreAdditionalHits hnsw.exploreAdditionalHits (only sent when approximate)
 * @param hits                  hits to return (100 for recall@100)
 * @param timeout               Vespa's request timeout (soft timeout is disabled so results are never partial)
 * @param language              query language (tokenization for BM25, cache key for the embedder), or null
 * @param extra                 further request parameters, sent as given
 */
public record QuerySpec(QueryMode mode, boolean approximate, int targetHits, int exploreAdditionalHits, int hits,
                        Duration timeout, String language, Map<String, String> extra) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public QuerySpec {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        if (targetHits < 1) throw new IllegalArgumentException("targetHits must be at least 1, got " + targetHits);
        if (exploreAdditionalHits < 0) throw new IllegalArgumentException("exploreAdditionalHits must be >= 0");
        if (hits < 1) throw new IllegalArgumentException("hits must be at least 1, got " + hits);
        extra = Map.copyOf(extra == null ? Map.of() : new LinkedHashMap<>(extra));
    }

    /** Defaults of the Vespa blog's evaluation: approximate, targetHits 100, hits 100, no extra exploration. */
    public static QuerySpec of(QueryMode mode) {
        return new QuerySpec(mode, true, 100, 0, 100, Duration.ofSeconds(20), null, Map.of());
    }

    public QuerySpec withApproximate(boolean value) {
        return new QuerySpec(mode, value, targetHits, exploreAdditionalHits, hits, timeout, language, extra);
    }

    public QuerySpec withExploreAdditionalHits(int value) {
        return new QuerySpec(mode, approximate, targetHits, value, hits, timeout, language, extra);
    }

    public QuerySpec withExtra(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new QuerySpec(mode, approximate, targetHits, exploreAdditionalHits, hits, timeout, language, more);
    }

    /** The YQL of this query. */
    public String yql() {
        String select = "select " + QueryMode.ID_FIELD + " from " + QueryMode.DOCUMENT_TYPE + " where ";
        String nn = null;
        if (mode.usesNearestNeighbor()) {
            StringBuilder annotation = new StringBuilder("{targetHits:").append(targetHits)
                    .append(", approximate:").append(approximate);
            if (approximate) annotation.append(", hnsw.exploreAdditionalHits:").append(exploreAdditionalHits);
            annotation.append('}');
            nn = annotation + "nearestNeighbor(" + mode.embeddingField() + ", " + mode.queryTensor() + ")";
        }
        if (mode.usesNearestNeighbor() && mode.usesKeywords()) return select + "(" + nn + ") or userQuery()";
        if (mode.usesNearestNeighbor()) return select + nn;
        return select + "userQuery()";
    }

    /** The JSON body of a POST /search/ request for this query text. */
    public ObjectNode body(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("yql", yql());
        if (mode.usesNearestNeighbor()) body.put(QueryMode.CACHE_TEXT_PARAMETER, text);
        if (mode.usesKeywords()) {
            body.put("query", text);
            body.put("type", "weakAnd");
        }
        body.put("ranking", mode.rankProfile());
        body.put("hits", hits);
        body.put("presentation.summary", QueryMode.SUMMARY);
        body.put("timeout", seconds(timeout));
        body.put("ranking.softtimeout.enable", false);
        if (language != null) body.put("language", language);
        extra.forEach(body::put);
        return body;
    }

    /** A short label for tables and file names, e.g. {@code e5-approx-t100-e300}. */
    public String label() {
        StringBuilder s = new StringBuilder(mode.cliName());
        if (mode.usesNearestNeighbor()) {
            s.append(approximate ? "-approx" : "-exact").append("-t").append(targetHits);
            if (approximate) s.append("-e").append(exploreAdditionalHits);
        }
        return s.append(extraLabel()).toString();
    }

    /** The extra parameters as a label suffix, {@code -<last name part><value>} each; empty without any. */
    public String extraLabel() {
        StringBuilder s = new StringBuilder();
        extra.forEach((k, v) -> s.append('-').append(k.substring(k.lastIndexOf('.') + 1)).append(v));
        return s.toString();
    }

    /** The evaluate/fbench command-line options that produce this spec (for printed plans). */
    public java.util.List<String> cliArgs() {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--mode", mode.cliName()));
        if (mode.usesNearestNeighbor()) {
            if (!approximate) args.add("--exact");
            args.addAll(java.util.List.of("--target-hits", String.valueOf(targetHits)));
            if (approximate) args.addAll(java.util.List.of("--explore-additional-hits", String.valueOf(exploreAdditionalHits)));
        }
        args.addAll(java.util.List.of("--hits", String.valueOf(hits)));
        if (language != null) args.addAll(java.util.List.of("--language", language));
        extra.forEach((k, v) -> args.addAll(java.util.List.of("--param", k + "=" + v)));
        if (!timeout.equals(Duration.ofSeconds(20))) {
            args.addAll(java.util.List.of("--timeout", String.valueOf(timeout.toMillis() / 1000.0)));
        }
        return args;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format(Locale.ROOT, "%dms", d.toMillis());
    }
}
