package dev.embedlab.client.fbench;

import dev.embedlab.client.schema.BenchmarkQuery;
import dev.embedlab.core.report.Chart;
import dev.embedlab.core.report.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.embedlab.core.report.Table.Column.left;
import static dev.embedlab.core.report.Table.Column.right;

/**
 * The blog's table for a client ramp (clients, average latency, p95, queries/s), plus p99, the embedding form
 * and query kind of every row, the CPU fbench itself took, and the columns that say whether a row is a clean
 * measurement, as Markdown, CSV and a latency-vs-throughput PNG. Above the table: what the form and kind mean,
 * how the cache was prepared, and where fbench ran.
 */
public final class FbenchReport {

    /**
     * What every row of a ramp shares.
     *
     * @param query  the request fbench replayed
     * @param runner where and how fbench ran
     * @param warmup how the cache was prepared before the timed runs ("none" and why, or what was sent)
     */
    public record Setup(BenchmarkQuery query, FbenchRunner runner, String warmup) {

        /** Short: "docker exec &lt;container&gt;" or "local". */
        public String where() {
            return runner.container() != null ? "docker exec " + runner.container() : "local";
        }

        /** The lines printed above a table. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("embedding: " + query.form().cliName() + ": " + query.form().description());
            lines.add("kind: " + query.kind().cliName() + ": " + query.yql());
            lines.add("warm-up: " + warmup);
            lines.add("where: " + runner.location());
            return lines;
        }
    }

    private FbenchReport() {
    }

    /**
     * The ramp as a Markdown table under the setup lines. A row's flags and notes have a cell of their own: text
     * after a row's last pipe is dropped by GitHub's table rendering.
     */
    public static String markdown(String title, Setup setup, List<FbenchRun> runs) {
        Table table = new Table(List.of(right("clients"), left("embedding"), left("kind"), right("avg latency (ms)"),
                right("p95 (ms)"), right("p99 (ms)"), right("queries/s"), right("failed"), right("non-200"),
                right("fbench CPU (s)"), left("notes")));
        for (FbenchRun run : runs) {
            FbenchSummary r = run.summary();
            table.add(Integer.toString(r.clients()), setup.query().form().cliName(), setup.query().kind().cliName(),
                    fmt("%.2f", r.averageMillis()), fmt("%.2f", r.p95()), fmt("%.2f", r.p99()),
                    fmt("%.1f", r.queriesPerSecond()), Long.toString(r.failedRequests()), Long.toString(r.non200()),
                    run.cpu() == null ? "not measured" : fmt("%.1f", run.cpu().totalSeconds()), run.notes());
        }
        StringBuilder s = new StringBuilder();
        if (title != null) s.append("### ").append(title).append("\n\n");
        for (String line : setup.lines()) s.append("- ").append(line).append('\n');
        return s.append('\n').append(table.markdown()).toString();
    }

    public static String csv(Setup setup, List<FbenchRun> runs) {
        Table table = Table.withHeader(List.of("clients", "embedding", "kind", "avg_ms", "p50_ms", "p95_ms", "p99_ms",
                "qps", "successful", "failed", "non200", "fbench_cpu_s", "fbench_where", "unique_texts", "flagged"));
        for (FbenchRun run : runs) {
            FbenchSummary r = run.summary();
            table.add(Integer.toString(r.clients()), setup.query().form().cliName(), setup.query().kind().cliName(),
                    fmt("%.2f", r.averageMillis()), fmt("%.2f", r.percentile(50.0)), fmt("%.2f", r.p95()),
                    fmt("%.2f", r.p99()), fmt("%.2f", r.queriesPerSecond()), Long.toString(r.successfulRequests()),
                    Long.toString(r.failedRequests()), Long.toString(r.non200()),
                    run.cpu() == null ? "" : fmt("%.2f", run.cpu().totalSeconds()), setup.where(),
                    run.fileRequests() < 0 ? "" : Long.toString(run.fileRequests()), Boolean.toString(r.flagged()));
        }
        return table.csv();
    }

    /** Writes fbench.md, fbench.csv and fbench-latency-vs-qps.png into {@code dir}. */
    public static void write(String title, Setup setup, List<FbenchRun> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fbench.md"), markdown(title, setup, runs), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("fbench.csv"), csv(setup, runs), StandardCharsets.UTF_8);
        List<FbenchSummary> summaries = runs.stream().map(FbenchRun::summary).toList();
        List<Double> qps = summaries.stream().map(FbenchSummary::queriesPerSecond).toList();
        Chart.lines(title == null ? "Latency vs throughput" : title, "queries/s", "latency (ms)").addAll(List.of(
                new Chart.Series("average", qps, summaries.stream().map(FbenchSummary::averageMillis).toList()),
                new Chart.Series("p95", qps, summaries.stream().map(FbenchSummary::p95).toList()),
                new Chart.Series("p99", qps, summaries.stream().map(FbenchSummary::p99).toList())))
                .write(dir.resolve("fbench-latency-vs-qps.png"));
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
