package dev.embedlab.client.fbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The blog's table for a client ramp (clients, average latency, p95, queries/s), plus p99 and the columns that
 * say whether a row is a clean measurement, as Markdown, CSV and a latency-vs-throughput PNG.
 */
public final class FbenchReport {

    private FbenchReport() {
    }

    public static String markdown(String title, List<FbenchSummary> runs) {
        StringBuilder s = new StringBuilder();
        if (title != null) s.append("### ").append(title).append("\n\n");
        s.append("| clients | avg latency (ms) | p95 (ms) | p99 (ms) | queries/s | failed | non-200 |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FbenchSummary r : runs) {
            s.append(String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.1f | %d | %d |%s%n", r.clients(),
                    r.averageMillis(), r.p95(), r.p99(), r.queriesPerSecond(), r.failedRequests(), r.non200(),
                    r.flagged() ? " **flagged: " + r.flagReason() + "**" : ""));
        }
        return s.toString();
    }

    public static String csv(List<FbenchSummary> runs) {
        StringBuilder s = new StringBuilder("clients,avg_ms,p50_ms,p95_ms,p99_ms,qps,successful,failed,non200,flagged\n");
        for (FbenchSummary r : runs) {
            s.append(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f,%.2f,%.2f,%d,%d,%d,%s%n", r.clients(), r.averageMillis(),
                    r.percentile(50.0), r.p95(), r.p99(), r.queriesPerSecond(), r.successfulRequests(),
                    r.failedRequests(), r.non200(), r.flagged()));
        }
        return s.toString();
    }

    /** Writes fbench.md, fbench.csv and fbench-latency-vs-qps.png into {@code dir}. */
    public static void write(String title, List<FbenchSummary> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fbench.md"), markdown(title, runs), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("fbench.csv"), csv(runs), StandardCharsets.UTF_8);
        List<Double> qps = runs.stream().map(FbenchSummary::queriesPerSecond).toList();
        LineChart.write(title == null ? "Latency vs throughput" : title, "queries/s", "latency (ms)", List.of(
                new LineChart.Series("average", qps, runs.stream().map(FbenchSummary::averageMillis).toList()),
                new LineChart.Series("p95", qps, runs.stream().map(FbenchSummary::p95).toList()),
                new LineChart.Series("p99", qps, runs.stream().map(FbenchSummary::p99).toList())),
                dir.resolve("fbench-latency-vs-qps.png"));
    }
}
