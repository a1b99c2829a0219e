package dev.embedlab.lab;

import dev.embedlab.core.metrics.Evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The lab's results as a Markdown report (also printed) and a CSV with one line per row. */
public final class LabReport {

    private final List<LabRow> rows;
    private final List<RerankPoint> sweep;
    private final LabData data;
    private final LabSettings settings;
    private final String command;
    private final String machine;
    private final List<String> embedderNotes;
    private final double tolerance;

    public LabReport(List<LabRow> rows, List<RerankPoint> sweep, LabData data, LabSettings settings, String command,
                     String machine, List<String> embedderNotes) {
        this.rows = List.copyOf(rows);
        this.sweep = List.copyOf(sweep);
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
        s.append("| embedder | vectors | model MB | bytes/doc | docs/s 1t | docs/s ").append(t).append("t | q/s 1t | q/s ")
                .append(t).append("t | p50 ms | p99 ms | tok/query | tok/doc | NDCG@10 | recall@100 | MRR@10 | search q/s 1t | search q/s ")
                .append(t).append("t |\n");
        s.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (LabRow r : rows) {
            EmbedderSpeed sp = r.speed();
            Evaluation e = r.evaluation();
            s.append("| ").append(r.embedder()).append(" | ").append(r.vectors()).append(" | ")
                    .append(sp == null ? "" : fmt("%.1f", r.modelBytes() / 1e6)).append(" | ")
                    .append(r.bytesPerDoc()).append(" | ")
                    .append(sp == null ? "" : fmt("%.1f", sp.docsPerSecond1())).append(" | ")
                    .append(sp == null ? "" : fmt("%.1f", sp.docsPerSecondN())).append(" | ")
                    .append(sp == null ? "" : fmt("%.1f", sp.queriesPerSecond1())).append(" | ")
                    .append(sp == null ? "" : fmt("%.1f", sp.queriesPerSecondN())).append(" | ")
                    .append(sp == null ? "" : fmt("%.3g", sp.p50Millis())).append(" | ")
                    .append(sp == null ? "" : fmt("%.3g", sp.p99Millis())).append(" | ")
                    .append(sp == null ? "" : fmt("%.1f", r.tokensPerQuery())).append(" | ")
                    .append(sp == null ? "" : fmt("%.1f", r.tokensPerDoc())).append(" | ")
                    .append(fmt("%.4f", e.ndcg10())).append(" | ").append(fmt("%.4f", e.recall100())).append(" | ")
                    .append(fmt("%.4f", e.mrr10())).append(" | ").append(fmt("%.0f", r.searchQps1())).append(" | ")
                    .append(fmt("%.0f", r.searchQpsN())).append(" |\n");
        }
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
            s.append(fmt("- Re-rank depth: binarized (hamming) top-N re-ranked by the float vectors, N swept below; the table "
                    + "row uses the smallest N whose NDCG@10 is within %.3f of float exact search (else the deepest).%n%n", tolerance));
            s.append("| embedder | hamming top-N | NDCG@10 | recall@100 | MRR@10 | search q/s ").append(t).append("t |\n");
            s.append("|---|--:|--:|--:|--:|--:|\n");
            for (RerankPoint p : sweep) {
                s.append(fmt("| %s | %d | %.4f | %.4f | %.4f | %.0f |%n", p.embedder(), p.depth(), p.ndcg10(), p.recall100(),
                        p.mrr10(), p.searchQpsN()));
            }
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
        StringBuilder s = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (LabRow r : rows) {
            EmbedderSpeed sp = r.speed();
            Evaluation e = r.evaluation();
            List<String> cells = new ArrayList<>(List.of(r.embedder(), r.vectors(), Integer.toString(r.dims()),
                    Long.toString(r.modelBytes()), Integer.toString(r.bytesPerDoc()),
                    sp == null ? "" : fmt("%.3f", sp.docsPerSecond1()), sp == null ? "" : fmt("%.3f", sp.docsPerSecondN()),
                    sp == null ? "" : fmt("%.3f", sp.queriesPerSecond1()), sp == null ? "" : fmt("%.3f", sp.queriesPerSecondN()),
                    sp == null ? "" : fmt("%.4f", sp.p50Millis()), sp == null ? "" : fmt("%.4f", sp.p99Millis()),
                    fmt("%.2f", r.tokensPerQuery()), fmt("%.2f", r.tokensPerDoc()), fmt("%.6f", e.ndcg10()),
                    fmt("%.6f", e.recall100()), fmt("%.6f", e.mrr10()), fmt("%.6f", e.ndcg10Complete()),
                    Integer.toString(e.evaluated()), Integer.toString(e.missing().size()), fmt("%.1f", r.searchQps1()),
                    fmt("%.1f", r.searchQpsN()), Integer.toString(settings.threads()),
                    Integer.toString(data.passages().size()), Boolean.toString(data.subset()), r.runFile().toString()));
            s.append(cells.stream().map(LabReport::csvCell).collect(Collectors.joining(","))).append('\n');
        }
        return s.toString();
    }

    public void write(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("lab.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("lab.csv"), csv(), StandardCharsets.UTF_8);
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
