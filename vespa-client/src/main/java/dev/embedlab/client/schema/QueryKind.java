package dev.embedlab.client.schema;

/** What a load-test request asks Vespa to do besides embedding the query. */
public enum QueryKind {

    /** The query spec's search: nearest neighbours (exact or HNSW), BM25 or hybrid over the whole corpus. */
    RETRIEVAL("retrieval"),
    /**
     * The Vespa blog's first experiment: {@code rank(doc_id contains "<id>", {targetHits:1}nearestNeighbor(...))}
     * with hits 0. Only one document matches and no summary is fetched, so the search costs next to nothing and
     * the latency is the request's embedding (plus HTTP and dispatch).
     */
    EMBEDDING_COST("embedding-cost");

    private final String cliName;

    QueryKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** Parses {@code retrieval} or {@code embedding-cost} (case-insensitive). */
    public static QueryKind parse(String name) {
        for (QueryKind kind : values()) {
            if (kind.cliName.equalsIgnoreCase(name) || kind.name().equalsIgnoreCase(name)) return kind;
        }
        throw new IllegalArgumentException("unknown query kind '" + name + "'; expected retrieval or embedding-cost");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
