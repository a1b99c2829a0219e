package dev.embedlab.lab;

import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.core.report.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.embedlab.core.report.Table.Column.left;
import static dev.embedlab.core.report.Table.Column.right;

/** The lab's results as a Markdown report (also printed) and a CSV with one line per row. */
public final class LabReport {

    private final List<LabRow> rows;
    private final List<RerankPoint> sweep;
    private final List<RerankChoice> choices;
    private final LabData data;
    private final LabSettings settings;
    private final String command;
    private final String machine;
    private final List<String> embedderNotes;
    private final double tolerance;

    public LabReport(List<LabRow> rows, List<RerankPoint> sweep, List<RerankChoice> choices, LabData data,
                     LabSettings settings, String command, String machine, List<String> embedderNotes) {
        this.rows = List.copyOf(rows);
        this.sweep = List.copyOf(sweep);
        this.choices = List.copyOf(choices);
        this.data = data;
        this.settings = settings;
        this.command = command;
        this.machine = machine;
        this.embedderNotes = List.copyOf(embedderNotes);
        this.tolerance = settings.rerankTolerance();
    }

    public String markdown() {
        int t = settings.threads();
        StringBuilder s = new StringBuilder();
        s.append("## embedlab lab\n\n");
        s.append("Command: `").append(command).append("`\n\n");
        s.append("Machine: ").append(machine).append("\n\n");
        long scored = rows.isEmpty() ? 0 : rows.get(0).evaluation().evaluated();
        s.append(String.format(Locale.ROOT, "Data: %d passages, %d topics, %d scored (queries in the qrels with a run; "
                + "trec_eval semantics)%s%n%n", data.passages().size(), data.topics().size(), scored,
                data.subset() ? " — SUBSET (--max-docs): NDCG not comparable with a full-corpus run" : ""));
        Table table = new Table(List.of(left("embedder"), left("vectors"), right("model MB"), right("bytes/doc"),
                right("docs/s 1t"), right("docs/s " + t + "t"), right("q/s 1t"), right("q/s " + t + "t"), right("p50 ms"),
                right("p99 ms"), right("tok/query"), right("tok/doc"), right("NDCG@10"), right("recall@100"),
                right("MRR@10"), right("search q/s 1t"), right("search q/s " + t + "t")));
        for (LabRow r : rows) {
            EmbedderSpeed sp = r.speed();
            Evaluation e = r.evaluation();
            table.add(r.embedder(), r.vectors(), sp == null ? "" : fmt("%.1f", r.modelBytes() / 1e6),
                    Integer.toString(r.bytesPerDoc()),
                    sp == null ? "" : fmt("%.1f", sp.docsPerSecond1()), sp == null ? "" : fmt("%.1f", sp.docsPerSecondN()),
                    sp == null ? "" : fmt("%.1f", sp.queriesPerSecond1()), sp == null ? "" : fmt("%.1f", sp.queriesPerSecondN()),
                    sp == null ? "" : fmt("%.3g", sp.p50Millis()), sp == null ? "" : fmt("%.3g", sp.p99Millis()),
                    sp == null ? "" : fmt("%.1f", r.tokensPerQuery()), sp == null ? "" : fmt("%.1f", r.tokensPerDoc()),
                    fmt("%.4f", e.ndcg10()), fmt("%.4f", e.recall100()), fmt("%.4f", e.mrr10()),
                    fmt("%.0f", r.searchQps1()), fmt("%.0f", r.searchQpsN()));
        }
        s.append(table.markdown());
        s.append('\n');
        appendNotes(s);
        return s.toString();
    }

    private void appendNotes(StringBuilder s) {
        int t = settings.threads();
        s.append("- Embedding speed: docs/s on a sample of ").append(settings.speedDocs())
                .append(" passages spread over the corpus, q/s and latency over the topics; \"1t\" one caller thread, \"")
                .append(t).append("t\" ").append(t).append(" caller threads sharing the model (ONNX: one intra-op thread per "
                        + "inference). Each figure repeats its input for at least ").append(settings.minSeconds())
                .append(" s. tok/query and tok/doc: tokens the model saw (ONNX: with prefix, [CLS]/[SEP], after truncation).\n");
        s.append("- Search: exact scan over all documents (dot product of normalized vectors on a contiguous float matrix, "
                + "each query split over the threads); search q/s is the scan (+ re-rank) alone, without embedding.\n");
        s.append("- bytes/doc: the vectors searched (float 4·d, bfloat16 2·d, binary d/8). binary+rerank keeps the float "
                + "vectors too (4·d, only read for the re-ranked candidates, so they can be paged to disk).\n");
        s.append("- Metrics: trec_eval semantics (NDCG@10 = ndcg_cut.10, recall@100 = recall.100, MRR@10 cut at 10); run "
                + "files in ").append(settings.outDir().resolve("runs")).append(" can be checked with "
                + "`scripts/trec-eval.sh -m ndcg_cut.10 <qrels> <run>` (the real trec_eval 9.0.4).\n");
        Map<String, LabRow> floats = rows.stream().filter(LabRow::isFloat)
                .collect(Collectors.toMap(LabRow::embedder, Function.identity(), (a, b) -> a));
        LabRow int8 = floats.get("e5-int8");
        LabRow fp32 = floats.get("e5-fp32");
        if (int8 != null && fp32 != null) {
            s.append(fmt("- e5-small-v2 int8 vs fp32: NDCG@10 %.4f vs %.4f (difference %+.4f); docs/s %s: %.2fx.\n",
                    int8.evaluation().ndcg10(), fp32.evaluation().ndcg10(),
                    int8.evaluation().ndcg10() - fp32.evaluation().ndcg10(), t + "t",
                    int8.speed().docsPerSecondN() / fp32.speed().docsPerSecondN()));
        }
        for (LabRow r : rows) {
            Evaluation e = r.evaluation();
            if (!e.missing().isEmpty() && r.isFloat()) {
                s.append(fmt("- %s: %d judged queries without results; NDCG@10 counting them as 0 (trec_eval -c): %.4f.\n",
                        r.embedder(), e.missing().size(), e.ndcg10Complete()));
            }
        }
        if (!sweep.isEmpty()) {
            s.append(fmt("- Re-rank depth: binarized (hamming) top-N re-ranked by the float vectors, N swept below. N is "
                    + "chosen without looking at half of the topics: sorted by qid, the topics at even positions are the "
                    + "tuning half, where N is the smallest whose NDCG@10 is within %.3f of float exact search on the same "
                    + "topics (else the deepest); the odd positions are held out. The table row reports the chosen N on "
                    + "all topics, the sweep NDCG@10 on all topics and on the tuning half, and the held-out half "
                    + "is scored separately below.%n%n", tolerance));
            Table depths = new Table(List.of(left("embedder"), right("hamming top-N"), right("NDCG@10"),
                    right("NDCG@10 tuning half"), right("recall@100"), right("MRR@10"), right("search q/s " + t + "t")));
            for (RerankPoint p : sweep) {
                depths.add(p.embedder(), Integer.toString(p.depth()), fmt("%.4f", p.ndcg10()), fmt("%.4f", p.tuningNdcg10()),
                        fmt("%.4f", p.recall100()), fmt("%.4f", p.mrr10()), fmt("%.0f", p.searchQpsN()));
            }
            s.append(depths.markdown());
            s.append('\n');
        }
        if (!choices.isEmpty()) {
            Table held = new Table(List.of(left("embedder"), right("chosen N"), left("how"), right("tuning queries"),
                    right("NDCG@10 tuning float"), right("NDCG@10 tuning chosen"), right("held-out queries"),
                    right("NDCG@10 held-out float"), right("NDCG@10 held-out chosen")));
            for (RerankChoice c : choices) {
                held.add(c.embedder(), Integer.toString(c.depth()), c.withinTolerance() ? "within tolerance" : "deepest",
                        Integer.toString(c.tuningQueries()), fmt("%.4f", c.floatTuningNdcg10()), fmt("%.4f", c.tuningNdcg10()),
                        Integer.toString(c.heldOutQueries()), fmt("%.4f", c.floatHeldOutNdcg10()),
                        fmt("%.4f", c.heldOutNdcg10()));
            }
            s.append("- The chosen re-rank depth on the held-out topics, which took no part in choosing it:\n\n");
            s.append(held.markdown());
            s.append('\n');
        }
        for (String note : embedderNotes) s.append("- ").append(note).append('\n');
        if (!data.warnings().isEmpty()) {
            s.append("\nInput warnings:\n");
            for (String w : data.warnings()) s.append("- ").append(w.replace("\n", "\n  ")).append('\n');
        }
    }

    public static final List<String> CSV_HEADER = List.of("embedder", "vectors", "dims", "model_bytes", "bytes_per_doc",
            "docs_per_s_1t", "docs_per_s_all", "queries_per_s_1t", "queries_per_s_all", "p50_ms", "p99_ms",
            "tokens_per_query", "tokens_per_doc", "ndcg10", "recall100", "mrr10", "ndcg10_c", "queries_scored",
            "queries_missing", "search_qps_1t", "search_qps_all", "threads", "passages", "subset", "run_file");

    public String csv() {
        Table table = Table.withHeader(CSV_HEADER);
        for (LabRow r : rows) {
            EmbedderSpeed sp = r.speed();
            Evaluation e = r.evaluation();
            table.add(r.embedder(), r.vectors(), Integer.toString(r.dims()),
                    Long.toString(r.modelBytes()), Integer.toString(r.bytesPerDoc()),
                    sp == null ? "" : fmt("%.3f", sp.docsPerSecond1()), sp == null ? "" : fmt("%.3f", sp.docsPerSecondN()),
                    sp == null ? "" : fmt("%.3f", sp.queriesPerSecond1()), sp == null ? "" : fmt("%.3f", sp.queriesPerSecondN()),
                    sp == null ? "" : fmt("%.4f", sp.p50Millis()), sp == null ? "" : fmt("%.4f", sp.p99Millis()),
                    fmt("%.2f", r.tokensPerQuery()), fmt("%.2f", r.tokensPerDoc()), fmt("%.6f", e.ndcg10()),
                    fmt("%.6f", e.recall100()), fmt("%.6f", e.mrr10()), fmt("%.6f", e.ndcg10Complete()),
                    Integer.toString(e.evaluated()), Integer.toString(e.missing().size()), fmt("%.1f", r.searchQps1()),
                    fmt("%.1f", r.searchQpsN()), Integer.toString(settings.threads()),
                    Integer.toString(data.passages().size()), Boolean.toString(data.subset()), r.runFile().toString());
        }
        return table.csv();
    }

    public void write(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("lab.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("lab.csv"), csv(), StandardCharsets.UTF_8);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
