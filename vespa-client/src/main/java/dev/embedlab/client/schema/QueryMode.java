package dev.embedlab.client.schema;

/**
 * The named ways to query the {@code passage} schema, and the one place that knows its field, query tensor
 * and rank-profile names (app/src/main/application/schemas/passage.sd). The tools, the fbench query files and
 * the offline lab all take the names from here.
 * <p>
 * Query text for embedding goes in the request parameter {@link #CACHE_TEXT_PARAMETER}: the application's query
 * embedding cache searcher embeds it (with the query prefix) and sets the query tensor. A request that also sent
 * {@code input.query(q)=embed(...)} would embed inside Query construction, before any searcher, and bypass the
 * cache; the load tests send that form on purpose, without {@link #CACHE_TEXT_PARAMETER}, to measure Vespa's own
 * embedding ({@link EmbedForm#VESPA}), and name the embedder by {@link #embedderId()}.
 */
public enum QueryMode {

    /** Multilingual E5 nearest neighbours. */
    E5("e5", "e5_embedding", "q_e5", "e5", "e5", true, false, true),
    /** The aligned static query encoder's vectors searching the E5 documents (same field and index as {@link #E5}). */
    E5_FAST("e5-fast", "e5_embedding", "q_e5_fast", "e5_fast", "e5_fast", true, false, false),
    /** Static-lookup (Model2Vec style) embedding nearest neighbours. */
    STATIC("static", "static_embedding", "q_static", "static", "static", true, false, false),
    /** BM25 over title and text. */
    BM25("bm25", null, null, null, "bm25", false, true, false),
    /** E5 nearest neighbours OR the keyword query, ranked by log-damped BM25 plus cosine. */
    HYBRID("hybrid", "e5_embedding", "q_e5", "e5", "hybrid", true, true, true);

    /** The request parameter the cache searcher reads the raw query text from. */
    public static final String CACHE_TEXT_PARAMETER = "embedlab.text";
    public static final String DOCUMENT_TYPE = "passage";
    /** Summary with only {@link #ID_FIELD}: small responses, so latency measures retrieval, not rendering. */
    public static final String SUMMARY = "minimal";
    /** The summary field holding the corpus id used in qrels. */
    public static final String ID_FIELD = "doc_id";

    private final String cliName;
    private final String embeddingField;
    private final String queryTensor;
    private final String embedderId;
    private final String rankProfile;
    private final boolean nearestNeighbor;
    private final boolean keywords;
    private final boolean cached;

    QueryMode(String cliName, String embeddingField, String queryTensor, String embedderId, String rankProfile,
              boolean nearestNeighbor, boolean keywords, boolean cached) {
        this.cliName = cliName;
        this.embeddingField = embeddingField;
        this.queryTensor = queryTensor;
        this.embedderId = embedderId;
        this.rankProfile = rankProfile;
        this.nearestNeighbor = nearestNeighbor;
        this.keywords = keywords;
        this.cached = cached;
    }

    public String cliName() {
        return cliName;
    }

    /** The tensor field searched, or null for {@link #BM25}. */
    public String embeddingField() {
        return embeddingField;
    }

    /** The query tensor name without {@code query(...)}, or null for {@link #BM25}. */
    public String queryTensor() {
        return queryTensor;
    }

    /**
     * The id of the embedder component (services.xml) that turns query text into {@link #queryTensor()}: the one
     * the cache searcher maps to that tensor, and the one {@code embed(<id>, ...)} names. Null for {@link #BM25}.
     */
    public String embedderId() {
        return embedderId;
    }

    public String rankProfile() {
        return rankProfile;
    }

    public boolean usesNearestNeighbor() {
        return nearestNeighbor;
    }

    public boolean usesKeywords() {
        return keywords;
    }

    /**
     * Whether the cache searcher keeps this mode's query embeddings: its mapping for {@link #embedderId()} has
     * {@code <cache>true</cache>} in services.xml (QueryModeContractTest checks that). Only then do the cached
     * and cold load-test forms measure cache hits and misses; the table-lookup embedders are mapped uncached.
     */
    public boolean cached() {
        return cached;
    }

    /** Parses {@code e5}, {@code static}, {@code bm25} or {@code hybrid} (case-insensitive). */
    public static QueryMode parse(String name) {
        for (QueryMode mode : values()) {
            if (mode.cliName.equalsIgnoreCase(name) || mode.name().equalsIgnoreCase(name)) return mode;
        }
        throw new IllegalArgumentException("unknown query mode '" + name + "'; expected e5, e5-fast, static, bm25 or hybrid");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
