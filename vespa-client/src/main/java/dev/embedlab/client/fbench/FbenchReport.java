package dev.embedlab.client.fbench;

import dev.embedlab.core.report.Chart;
import dev.embedlab.core.report.Table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static dev.embedlab.core.report.Table.Column.left;
import static dev.embedlab.core.report.Table.Column.right;

/**
 * The blog's table for a client ramp (clients, average latency, p95, queries/s), plus p99 and the columns that
 * say whether a row is a clean measurement, as Markdown, CSV and a latency-vs-throughput PNG.
 */
public final class FbenchReport {

    private FbenchReport() {
    }

    /**
     * The ramp as a Markdown table. A flagged run says why in its notes cell: text after a row's last pipe is
     * dropped by GitHub's table rendering, so the reason has a column of its own.
     */
    public static String markdown(String title, List<FbenchSummary> runs) {
        Table table = new Table(List.of(right("clients"), right("avg latency (ms)"), right("p95 (ms)"), right("p99 (ms)"),
                right("queries/s"), right("failed"), right("non-200"), left("notes")));
        for (FbenchSummary r : runs) {
            table.add(Integer.toString(r.clients()), fmt("%.2f", r.averageMillis()), fmt("%.2f", r.p95()),
                    fmt("%.2f", r.p99()), fmt("%.1f", r.queriesPerSecond()), Long.toString(r.failedRequests()),
                    Long.toString(r.non200()), r.flagged() ? "**flagged: " + r.flagReason() + "**" : "");
        }
        return (title == null ? "" : "### " + title + "\n\n") + table.markdown();
    }

    public static String csv(List<FbenchSummary> runs) {
        Table table = Table.withHeader(List.of("clients", "avg_ms", "p50_ms", "p95_ms", "p99_ms", "qps", "successful",
                "failed", "non200", "flagged"));
        for (FbenchSummary r : runs) {
            table.add(Integer.toString(r.clients()), fmt("%.2f", r.averageMillis()), fmt("%.2f", r.percentile(50.0)),
                    fmt("%.2f", r.p95()), fmt("%.2f", r.p99()), fmt("%.2f", r.queriesPerSecond()),
                    Long.toString(r.successfulRequests()), Long.toString(r.failedRequests()), Long.toString(r.non200()),
                    Boolean.toString(r.flagged()));
        }
        return table.csv();
    }

    /** Writes fbench.md, fbench.csv and fbench-latency-vs-qps.png into {@code dir}. */
    public static void write(String title, List<FbenchSummary> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fbench.md"), markdown(title, runs), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("fbench.csv"), csv(runs), StandardCharsets.UTF_8);
        List<Double> qps = runs.stream().map(FbenchSummary::queriesPerSecond).toList();
        Chart.lines(title == null ? "Latency vs throughput" : title, "queries/s", "latency (ms)").addAll(List.of(
                new Chart.Series("average", qps, runs.stream().map(FbenchSummary::averageMillis).toList()),
                new Chart.Series("p95", qps, runs.stream().map(FbenchSummary::p95).toList()),
                new Chart.Series("p99", qps, runs.stream().map(FbenchSummary::p99).toList())))
                .write(dir.resolve("fbench-latency-vs-qps.png"));
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
