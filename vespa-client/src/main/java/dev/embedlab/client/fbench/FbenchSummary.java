package dev.embedlab.client.fbench;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One vespa-fbench run, as its summary reports it.
 *
 * @param clients            parallel clients
 * @param seconds            configured run time
 * @param skippedRequests    query file lines fbench skipped without sending: longer than its line buffer
 *                           (vespa-fbench client.cpp); results ignored by -i are not counted here, nor anywhere
 * @param failedRequests     requests fbench counted as failed (connection errors, responses under -l bytes)
 * @param successfulRequests requests fbench counted as successful: this includes non-200 answers with a body
 * @param minMillis          minimum response time
 * @param maxMillis          maximum response time
 * @param averageMillis      average response time
 * @param percentiles        percentile (25, 50, ... 99.9) to response time in ms
 * @param queriesPerSecond   actual query rate
 * @param utilization        utilization in percent
 * @param zeroHitQueries     queries with no hits (from the benchmark headers), or -1 if not printed
 * @param statusCounts       HTTP status code to count
 * @param discardedClients   "Client N: ... => discarding client results." lines
 * @param approximatePercentiles percentiles printed as "ms (approx)" (beyond fbench's 10.24 s histogram)
 */
public record FbenchSummary(int clients, int seconds, long skippedRequests, long failedRequests,
                            long successfulRequests, double minMillis, double maxMillis, double averageMillis,
                            SortedMap<Double, Double> percentiles, double queriesPerSecond, double utilization,
                            long zeroHitQueries, SortedMap<Integer, Long> statusCounts,
                            List<String> discardedClients, List<Double> approximatePercentiles) {

    public FbenchSummary {
        percentiles = new TreeMap<>(percentiles);
        statusCounts = new TreeMap<>(statusCounts);
        discardedClients = List.copyOf(discardedClients);
        approximatePercentiles = List.copyOf(approximatePercentiles);
    }

    public double percentile(double p) {
        Double value = percentiles.get(p);
        if (value == null) throw new IllegalArgumentException("no " + p + " percentile in the summary; have " + percentiles.keySet());
        return value;
    }

    public double p95() {
        return percentile(95.0);
    }

    public double p99() {
        return percentile(99.0);
    }

    /** Answers with an HTTP status other than 200: fbench counts them as successful when they have a body. */
    public long non200() {
        return statusCounts.entrySet().stream().filter(e -> e.getKey() != 200).mapToLong(Map.Entry::getValue).sum();
    }

    /** A run whose latency and QPS are not a clean measurement: failures, non-200 answers or lost clients. */
    public boolean flagged() {
        return failedRequests > 0 || non200() > 0 || !discardedClients.isEmpty();
    }

    /** Why the run is flagged, or an empty string. */
    public String flagReason() {
        StringBuilder s = new StringBuilder();
        if (failedRequests > 0) s.append(failedRequests).append(" failed requests; ");
        if (non200() > 0) {
            s.append(non200()).append(" non-200 answers (");
            statusCounts.forEach((code, count) -> {
                if (code != 200) s.append(code).append(" x ").append(count).append(", ");
            });
            s.setLength(s.length() - 2);
            s.append(") counted as successful by fbench; ");
        }
        if (!discardedClients.isEmpty()) s.append(discardedClients.size()).append(" client(s) discarded; ");
        return s.length() == 0 ? "" : s.substring(0, s.length() - 2);
    }
}
