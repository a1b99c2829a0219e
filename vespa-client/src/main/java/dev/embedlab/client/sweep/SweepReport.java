package dev.embedlab.client.sweep;

import dev.embedlab.client.evaluate.EvaluateResult;
import dev.embedlab.client.fbench.FbenchRun;
import dev.embedlab.client.fbench.FbenchSummary;
import dev.embedlab.core.report.Chart;
import dev.embedlab.core.report.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.embedlab.core.report.Table.Column.left;
import static dev.embedlab.core.report.Table.Column.right;

/**
 * Sweep tables in the blog's shape, as Markdown, CSV and PNG. Latency and QPS come from vespa-fbench at the
 * sweep's client count ("-" when not measured), and every row names the embedding form and query kind of its
 * fbench requests; a row with failed queries or a flagged fbench run says so. Under the table: where fbench ran.
 */
public final class SweepReport {

    private final SweepPlan plan;
    private final Map<String, EvaluateResult> evaluations;
    private final Map<String, FbenchRun> latency;
    private final String fbenchLocation;

    /** @param fbenchLocation where fbench ran ({@code FbenchRunner.location()}), or null when latency was not measured */
    public SweepReport(SweepPlan plan, Map<String, EvaluateResult> evaluations, Map<String, FbenchRun> latency,
                       String fbenchLocation) {
        this.plan = plan;
        this.evaluations = evaluations;
        this.latency = latency;
        this.fbenchLocation = fbenchLocation;
    }

    private FbenchSummary summary(SweepRow row) {
        FbenchRun run = latency.get(row.label());
        return run == null ? null : run.summary();
    }

    private boolean threadsSweep() {
        return plan.rows().stream().anyMatch(r -> r.threads() != null);
    }

    public String markdown() {
        Table table;
        if (threadsSweep()) {
            table = new Table(List.of(left("search"), right("threads per search"), left("embedding"), left("kind"),
                    right("NDCG@10"), right("avg latency (ms)"), right("p95 (ms)"), right("QPS"), left("notes")));
            for (SweepRow row : plan.rows()) {
                table.add(row.search(), String.valueOf(row.threads()), embed(row, "-"), kind(row, "-"),
                        ndcg(row), avg(row), p95(row), qps(row), notes(row));
            }
        } else {
            table = new Table(List.of(right("max-links-per-node"), right("neighbors-to-explore-at-insert"),
                    right("exploreAdditionalHits"), left("embedding"), left("kind"), right("NDCG@10"), right("overlap@10"),
                    right("p95 (ms)"), right("QPS"), left("notes")));
            for (SweepRow row : plan.rows()) {
                boolean exact = row.maxLinks() == null;
                table.add(exact ? "exact" : String.valueOf(row.maxLinks()), exact ? "" : String.valueOf(row.neighbors()),
                        exact ? "" : String.valueOf(row.explore()), embed(row, "-"), kind(row, "-"), ndcg(row),
                        exact ? "1.0000" : overlap(row), p95(row), qps(row), notes(row));
            }
        }
        return "### " + plan.title() + "\n\n" + table.markdown() + "\n" + footnote();
    }

    /** What the embedding and kind columns describe, and where fbench ran. */
    private String footnote() {
        String s = "embedding, kind: of the fbench requests behind the latency and QPS columns; NDCG@10 comes from "
                + "evaluate, which sends embedlab.text (the cache searcher embeds as embed() does: the same vectors).\n";
        if (latency.isEmpty()) return s + "fbench: not run (--skip-fbench, or the sweep stopped before a latency row).\n";
        return s + (fbenchLocation == null ? "" : fbenchLocation + ".\n");
    }

    /** The row's embedding form, or {@code none} when it has no latency: no fbench request to describe. */
    private String embed(SweepRow row, String none) {
        return latency.containsKey(row.label()) ? row.embed().cliName() : none;
    }

    private String kind(SweepRow row, String none) {
        return latency.containsKey(row.label()) ? row.kind().cliName() : none;
    }

    public String csv() {
        // The first 15 columns are the ones the lab's hnsw.csv shares (HnswReport.SWEEP_COLUMNS); the fbench
        // request's form and kind and fbench's CPU follow, since the lab sends no requests.
        Table table = Table.withHeader(List.of("label", "search", "max_links_per_node", "neighbors_to_explore_at_insert",
                "explore_additional_hits", "threads_per_search", "ndcg10", "recall100", "mrr10", "overlap10", "avg_ms",
                "p95_ms", "qps", "failed_queries", "fbench_flagged", "embedding", "kind", "fbench_cpu_s"));
        for (SweepRow row : plan.rows()) {
            EvaluateResult e = evaluations.get(row.label());
            FbenchSummary f = summary(row);
            FbenchRun run = latency.get(row.label());
            table.add(row.label(), row.search(), str(row.maxLinks()), str(row.neighbors()), str(row.explore()),
                    str(row.threads()),
                    e == null ? "" : fmt4(e.evaluation().ndcg10()), e == null ? "" : fmt4(e.evaluation().recall100()),
                    e == null ? "" : fmt4(e.evaluation().mrr10()),
                    e == null || !e.overlap().containsKey(10) ? "" : fmt4(e.overlap().get(10)),
                    f == null ? "" : fmt4(f.averageMillis()), f == null ? "" : fmt4(f.p95()),
                    f == null ? "" : fmt4(f.queriesPerSecond()),
                    e == null ? "" : String.valueOf(e.queryRun().failed()), f == null ? "" : String.valueOf(f.flagged()),
                    embed(row, ""), kind(row, ""),
                    run == null || run.cpu() == null ? "" : String.format(Locale.ROOT, "%.2f", run.cpu().totalSeconds()));
        }
        return table.csv();
    }

    /** Writes {@code <name>.md}, {@code <name>.csv} and {@code <name>.png} into {@code dir}. */
    public void write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(name + ".csv"), csv(), StandardCharsets.UTF_8);
        if (threadsSweep()) {
            Map<String, Chart.Series> series = new LinkedHashMap<>();
            for (SweepRow row : plan.rows()) {
                FbenchSummary f = summary(row);
                if (f == null) continue;
                series.computeIfAbsent(row.search(), k -> new Chart.Series(k, new ArrayList<>(), new ArrayList<>()));
                series.get(row.search()).x().add((double) row.threads());
                series.get(row.search()).y().add(f.averageMillis());
            }
            Chart.lines(plan.title(), "threads per search", "average latency (ms)").addAll(List.copyOf(series.values()))
                    .write(dir.resolve(name + ".png"));
        } else {
            Map<String, Chart.Series> series = new LinkedHashMap<>();
            double exact = Double.NaN;
            List<Double> xs = new ArrayList<>();
            for (SweepRow row : plan.rows()) {
                EvaluateResult e = evaluations.get(row.label());
                if (e == null) continue;
                if (row.maxLinks() == null) {
                    exact = e.evaluation().ndcg10();
                    continue;
                }
                String key = row.maxLinks() + "/" + row.neighbors();
                series.computeIfAbsent(key, k -> new Chart.Series(k, new ArrayList<>(), new ArrayList<>()));
                series.get(key).x().add((double) row.explore());
                series.get(key).y().add(e.evaluation().ndcg10());
                xs.add((double) row.explore());
            }
            List<Chart.Series> all = new ArrayList<>(series.values());
            if (!Double.isNaN(exact) && !xs.isEmpty()) {
                double lo = xs.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                double hi = xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                all.add(new Chart.Series("exact", List.of(lo, hi), List.of(exact, exact)));
            }
            Chart.lines(plan.title(), "hnsw.exploreAdditionalHits", "NDCG@10").addAll(all).write(dir.resolve(name + ".png"));
        }
    }

    private String ndcg(SweepRow row) {
        EvaluateResult e = evaluations.get(row.label());
        return e == null ? "-" : fmt4(e.evaluation().ndcg10());
    }

    private String overlap(SweepRow row) {
        EvaluateResult e = evaluations.get(row.label());
        return e == null || !e.overlap().containsKey(10) ? "-" : fmt4(e.overlap().get(10));
    }

    private String p95(SweepRow row) {
        FbenchSummary f = summary(row);
        return f == null ? "-" : String.format(Locale.ROOT, "%.1f", f.p95());
    }

    private String avg(SweepRow row) {
        FbenchSummary f = summary(row);
        return f == null ? "-" : String.format(Locale.ROOT, "%.1f", f.averageMillis());
    }

    private String qps(SweepRow row) {
        FbenchSummary f = summary(row);
        return f == null ? "-" : String.format(Locale.ROOT, "%.0f", f.queriesPerSecond());
    }

    private String notes(SweepRow row) {
        List<String> notes = new ArrayList<>();
        EvaluateResult e = evaluations.get(row.label());
        if (e == null) notes.add("not run");
        else if (e.queryRun().failed() > 0) notes.add(e.queryRun().failed() + " failed queries");
        FbenchRun run = latency.get(row.label());
        if (run != null && run.summary().flagged()) notes.add("fbench: " + run.summary().flagReason());
        if (run != null && !run.fileNote().isEmpty()) notes.add("fbench: " + run.fileNote());
        return String.join("; ", notes);
    }

    private static String str(Integer value) {
        return value == null ? "" : value.toString();
    }

    private static String fmt4(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
