package dev.embedlab.client.schema;

/**
 * How a load-test request gets its query embedding. A latency or QPS figure is only meaningful with its form:
 * the same query costs a model call in one form and a map lookup in another.
 */
public enum EmbedForm {

    /**
     * {@code input.query(<tensor>)=embed(<embedder>, @text)} with the text in the request parameter
     * {@link #EMBED_TEXT_PARAMETER}, and no {@link QueryMode#CACHE_TEXT_PARAMETER}: Vespa embeds every request inside
     * Query construction, where no cache reaches. The Vespa blog's setup.
     */
    VESPA("vespa", "Vespa embeds every request (input.query(...)=embed(...)), no cache: the Vespa blog's setup"),
    /** {@link QueryMode#CACHE_TEXT_PARAMETER} with texts the cache already holds (a warm-up pass sent each once). */
    CACHED("cached", "embedlab.text through the query embedding cache, warm: every timed request is a cache hit"),
    /** {@link QueryMode#CACHE_TEXT_PARAMETER} with texts the cache has not seen: every request a new text, a cache miss. */
    COLD("cold", "embedlab.text through the query embedding cache, cold: every request a text never sent before "
            + "(topic text + ' <run>-<n>'), so every request is a cache miss"),
    /** The mode embeds nothing (BM25): there is no form to choose. */
    NONE("none", "no query embedding (the mode embeds nothing)");

    /** The request parameter {@code embed(..., @text)} reads the query text from in the {@link #VESPA} form. */
    public static final String EMBED_TEXT_PARAMETER = "text";

    private final String cliName;
    private final String description;

    EmbedForm(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    /** One line for reports: what the form does to each request. */
    public String description() {
        return description;
    }

    /** Parses {@code vespa}, {@code cached} or {@code cold} (case-insensitive); {@code none} is not a choice. */
    public static EmbedForm parse(String name) {
        for (EmbedForm form : values()) {
            if (form != NONE && form.cliName.equalsIgnoreCase(name)) return form;
        }
        throw new IllegalArgumentException("unknown embedding form '" + name + "'; expected vespa, cached or cold");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
