package dev.embedlab.client.evaluate;

import dev.embedlab.core.metrics.Run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * All topics run through Vespa once.
 *
 * @param run             the results as a TREC run (failed queries are absent from it)
 * @param failures        query id to reason, for every query that failed after retries
 * @param queries         queries sent
 * @param retries         HTTP requests beyond one per query
 * @param degraded        queries answered with degraded coverage (kept in the run)
 * @param latenciesMillis latency of each successful query's last attempt
 * @param wallMillis      wall time of the whole run
 */
public record QueryRun(Run run, Map<String, String> failures, int queries, long retries, int degraded,
                       double[] latenciesMillis, double wallMillis) {

    public int failed() {
        return failures.size();
    }

    /** The p-th percentile (0-100, nearest rank) of successful query latencies, NaN when none succeeded. */
    public double latencyPercentile(double p) {
        if (latenciesMillis.length == 0) return Double.NaN;
        double[] sorted = latenciesMillis.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public double meanLatency() {
        return Arrays.stream(latenciesMillis).average().orElse(Double.NaN);
    }

    public String summary() {
        return String.format(Locale.ROOT, "queries: %d sent, %d failed, %d retried requests, %d degraded coverage%n"
                        + "latency (ms): mean %.1f, p50 %.1f, p95 %.1f, p99 %.1f (client side, sequential per thread)%n",
                queries, failed(), retries, degraded, meanLatency(), latencyPercentile(50), latencyPercentile(95),
                latencyPercentile(99));
    }
}
