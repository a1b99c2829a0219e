package dev.embedlab.lab;

import java.util.Arrays;

/**
 * Search speed of one setting: queries/s on one thread and on all threads (whole queries side by side, each on one
 * thread, as Vespa runs an HNSW search per query single-threaded), and the one-thread latency distribution.
 *
 * @param qps1   queries/s, one thread
 * @param qpsN   queries/s, all threads
 * @param avgMs  mean latency on one thread
 * @param p50Ms  median latency on one thread
 * @param p95Ms  95th percentile
 * @param p99Ms  99th percentile
 */
public record SearchTiming(double qps1, double qpsN, double avgMs, double p50Ms, double p95Ms, double p99Ms) {

    /** From one-thread per-query latencies (nanoseconds, any order) and the two throughputs. */
    static SearchTiming of(long[] latenciesNanos, double qps1, double qpsN) {
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long l : sorted) sum += l;
        return new SearchTiming(qps1, qpsN, sorted.length == 0 ? 0 : sum / sorted.length / 1e6, millis(sorted, 0.50),
                millis(sorted, 0.95), millis(sorted, 0.99));
    }

    private static double millis(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : EmbedderSpeed.percentile(sorted, p) / 1e6;
    }
}
