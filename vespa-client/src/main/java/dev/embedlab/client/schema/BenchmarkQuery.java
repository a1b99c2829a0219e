package dev.embedlab.client.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A load-test request: a {@link QuerySpec} (what to retrieve), how the query text becomes a vector
 * ({@link EmbedForm}) and what the request is for ({@link QueryKind}). It renders the JSON body vespa-fbench
 * replays. Quality runs ({@code evaluate}) use the spec's own body; a latency figure is reported with its form
 * and kind, since the same topic costs a model call in one form and a map lookup in another.
 *
 * @param spec  the retrieval the request describes (mode, exact/approximate, hits, language, extra parameters)
 * @param form  how the query is embedded; {@link EmbedForm#NONE} exactly when the mode embeds nothing
 * @param kind  retrieval, or the embedding-cost probe of the Vespa blog's first experiment
 * @param docId the doc_id the embedding-cost probe restricts matching to (null for retrieval)
 */
public record BenchmarkQuery(QuerySpec spec, EmbedForm form, QueryKind kind, String docId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public BenchmarkQuery {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(kind, "kind");
        QueryMode mode = spec.mode();
        if (!mode.usesNearestNeighbor()) {
            if (kind == QueryKind.EMBEDDING_COST) {
                throw new IllegalArgumentException("--kind embedding-cost measures a query embedder; mode " + mode
                        + " embeds nothing (use e5, e5-fast or static)");
            }
            form = EmbedForm.NONE;
        } else if (form == EmbedForm.NONE) {
            throw new IllegalArgumentException("mode " + mode + " embeds its query: choose vespa, cached or cold");
        } else if ((form == EmbedForm.CACHED || form == EmbedForm.COLD) && !mode.cached()) {
            throw new IllegalArgumentException("--embed " + form + " measures cache hits or misses, but mode " + mode
                    + " has no cache: services.xml maps its embedder " + mode.embedderId() + " with <cache>false</cache>"
                    + " (use --embed vespa)");
        }
        if (kind == QueryKind.EMBEDDING_COST) {
            if (mode.usesKeywords()) {
                throw new IllegalArgumentException("--kind embedding-cost measures the embedder alone; mode " + mode
                        + " also matches keywords (it embeds with e5: use --mode e5)");
            }
            if (docId == null || docId.isBlank()) {
                throw new IllegalArgumentException("--kind embedding-cost needs the doc_id of a fed passage (--doc-id)");
            }
        } else {
            docId = null;
        }
    }

    /** A retrieval request of {@code spec} embedded in {@code form}. */
    public static BenchmarkQuery retrieval(QuerySpec spec, EmbedForm form) {
        return new BenchmarkQuery(spec, form, QueryKind.RETRIEVAL, null);
    }

    /**
     * The YQL: the spec's for retrieval; for the embedding-cost probe the blog's
     * {@code rank(doc_id contains "<id>", {targetHits:1}nearestNeighbor(<field>, <tensor>))}. The first operand of
     * rank() alone decides what matches (one document), the nearest-neighbour operand only feeds ranking.
     */
    public String yql() {
        if (kind == QueryKind.RETRIEVAL) return spec.yql();
        QueryMode mode = spec.mode();
        return "select " + QueryMode.ID_FIELD + " from " + QueryMode.DOCUMENT_TYPE + " where rank(" + QueryMode.ID_FIELD
                + " contains \"" + yqlString(docId) + "\", {targetHits:1}nearestNeighbor(" + mode.embeddingField() + ", "
                + mode.queryTensor() + "))";
    }

    /** The request parameter Vespa's {@code embed()} is given in the {@link EmbedForm#VESPA} form. */
    public String vespaEmbedInput() {
        QueryMode mode = spec.mode();
        return "input.query(" + mode.queryTensor() + ")";
    }

    /** {@code embed(<embedder id>, @text)}: the embedder the cache searcher would use for the same tensor. */
    public String vespaEmbedCall() {
        return "embed(" + spec.mode().embedderId() + ", @" + EmbedForm.EMBED_TEXT_PARAMETER + ")";
    }

    /**
     * The JSON body of a POST /search/ for {@code text}: the spec's body, with the embedding-cost YQL and hits 0
     * (the blog's probe: no summary fetched), and in the {@link EmbedForm#VESPA} form
     * {@code input.query(<tensor>)=embed(<embedder>, @text)} plus {@code text} in place of {@code embedlab.text}.
     * The cached and cold forms differ only in which texts they send.
     */
    public ObjectNode body(String text) {
        ObjectNode specBody = spec.body(text);
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = specBody.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (key.equals("yql")) {
                body.put(key, yql());
            } else if (key.equals(QueryMode.CACHE_TEXT_PARAMETER) && form == EmbedForm.VESPA) {
                body.put(vespaEmbedInput(), vespaEmbedCall());
                body.put(EmbedForm.EMBED_TEXT_PARAMETER, text);
            } else if (key.equals("hits") && kind == QueryKind.EMBEDDING_COST) {
                body.put(key, 0);
            } else {
                body.set(key, field.getValue());
            }
        }
        return body;
    }

    /**
     * A label for tables and the default output directory, e.g. {@code e5-approx-t100-e0-vespa} or
     * {@code e5-embedding-cost-sw-cold}: everything that changes the request (extra parameters, language), so that
     * two different runs never write to the same directory.
     */
    public String label() {
        String base = kind == QueryKind.RETRIEVAL ? spec.label()
                : spec.mode().cliName() + "-" + kind.cliName() + spec.extraLabel();
        if (spec.language() != null) base += "-" + spec.language();
        return form == EmbedForm.NONE ? base : base + "-" + form.cliName();
    }

    /** The fbench command-line options that give this request (for printed plans). */
    public List<String> cliArgs() {
        List<String> args = new ArrayList<>(spec.cliArgs());
        if (form != EmbedForm.NONE) args.addAll(List.of("--embed", form.cliName()));
        if (kind == QueryKind.EMBEDDING_COST) args.addAll(List.of("--kind", kind.cliName(), "--doc-id", docId));
        return args;
    }

    private static String yqlString(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
