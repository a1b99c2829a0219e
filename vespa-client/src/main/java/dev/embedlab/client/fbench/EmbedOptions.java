package dev.embedlab.client.fbench;

import dev.embedlab.client.schema.EmbedForm;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** How fbench and the sweeps' latency rows embed their queries (a picocli mixin); see {@link EmbedForm}. */
public final class EmbedOptions {

    /** Distinct cold texts per fbench second unless --cold-max-qps says otherwise. */
    public static final int DEFAULT_COLD_MAX_QPS = 1000;

    @Option(names = "--embed", defaultValue = "vespa", converter = FormConverter.class, paramLabel = "vespa|cached|cold",
            description = {
                    "How each timed request gets its query embedding (default: ${DEFAULT-VALUE}):",
                    "  vespa  - input.query(q)=embed(<embedder>, @text): Vespa embeds every request, no cache.",
                    "           The default because it is the Vespa blog's setup, and because it is the only form",
                    "           whose latency includes the embedding of every request: with the cache warm, QPS after",
                    "           one pass over the topics leaves e5's cost out.",
                    "  cached - embedlab.text through the query embedding cache, after an untimed warm-up pass that",
                    "           sends every topic once: every timed request is a cache hit.",
                    "  cold   - embedlab.text with a text the cache has never seen in every request (topic text +",
                    "           ' <run>-<n>'); fbench sends each request of the file once (-z -r 0).",
                    "Ignored for --mode bm25, which embeds nothing."})
    public EmbedForm form = EmbedForm.VESPA;

    @Option(names = "--cold-max-qps", defaultValue = "" + DEFAULT_COLD_MAX_QPS,
            description = "cold: distinct texts per fbench run = seconds x this; when a run sends them all its clients "
                    + "stop early and the report says so (default: ${DEFAULT-VALUE}).")
    public int coldMaxQps = DEFAULT_COLD_MAX_QPS;

    /**
     * Distinct requests a cold query file holds for a run of {@code seconds}: seconds x --cold-max-qps. The one
     * place fbench and the sweeps get that size from; ask only when the form is cold (others ignore the option).
     */
    public long coldRequests(int seconds) {
        if (coldMaxQps < 1) throw new IllegalArgumentException("--cold-max-qps must be at least 1, got " + coldMaxQps);
        return (long) seconds * coldMaxQps;
    }

    /** picocli converter for {@link EmbedForm#parse}. */
    public static final class FormConverter implements ITypeConverter<EmbedForm> {
        @Override
        public EmbedForm convert(String value) {
            return EmbedForm.parse(value);
        }
    }
}
