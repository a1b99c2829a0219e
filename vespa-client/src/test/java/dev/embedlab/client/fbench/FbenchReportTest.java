package dev.embedlab.client.fbench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client-ramp table, whole: what a reader of fbench.md and fbench.csv gets. */
class FbenchReportTest {

    private static FbenchSummary run(int clients, double average, double qps, long failed, Map<Integer, Long> statusCounts) {
        return new FbenchSummary(clients, 30, 0, failed, 1000, 1.0, 50.0, average,
                new TreeMap<>(Map.of(50.0, average * 0.9, 95.0, average * 2, 99.0, average * 3)), qps, 90.0, -1,
                new TreeMap<>(statusCounts), List.of(), List.of());
    }

    private static final List<FbenchSummary> RAMP = List.of(
            run(1, 3.99, 250.39, 0, Map.of(200, 1000L)),
            run(16, 20.01, 798.71, 37, Map.of(200, 843L, 400, 120L, 503, 37L)));

    /** The flag reason is a cell of its own: GitHub drops text after a row's last pipe. */
    @Test
    void markdownTable() {
        assertEquals("""
                ### Ramp

                | clients | avg latency (ms) | p95 (ms) | p99 (ms) | queries/s | failed | non-200 | notes |
                |---:|---:|---:|---:|---:|---:|---:|---|
                | 1 | 3.99 | 7.98 | 11.97 | 250.4 | 0 | 0 | |
                | 16 | 20.01 | 40.02 | 60.03 | 798.7 | 37 | 157 | **flagged: 37 failed requests; 157 non-200 answers (400 x 120, 503 x 37) counted as successful by fbench** |
                """, FbenchReport.markdown("Ramp", RAMP));
    }

    @Test
    void csvTable() {
        assertEquals("""
                clients,avg_ms,p50_ms,p95_ms,p99_ms,qps,successful,failed,non200,flagged
                1,3.99,3.59,7.98,11.97,250.39,1000,0,0,false
                16,20.01,18.01,40.02,60.03,798.71,1000,37,157,true
                """, FbenchReport.csv(RAMP));
    }
}
