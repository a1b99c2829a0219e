package dev.embedlab.client.fbench;

import dev.embedlab.client.schema.BenchmarkQuery;
import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.schema.QueryKind;
import dev.embedlab.client.schema.QueryMode;
import dev.embedlab.client.schema.QuerySpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client-ramp table, whole: what a reader of fbench.md and fbench.csv gets. */
class FbenchReportTest {

    private static FbenchSummary run(int clients, double average, double qps, long failed, Map<Integer, Long> statusCounts) {
        return new FbenchSummary(clients, 30, 0, failed, 1000, 1.0, 50.0, average,
                new TreeMap<>(Map.of(50.0, average * 0.9, 95.0, average * 2, 99.0, average * 3)), qps, 90.0, -1,
                new TreeMap<>(statusCounts), List.of(), List.of());
    }

    private static final List<FbenchRun> RAMP = List.of(
            new FbenchRun(run(1, 3.99, 250.39, 0, Map.of(200, 1000L)), new FbenchCpu(9.25, 3.0), -1, 0),
            new FbenchRun(run(16, 20.01, 798.71, 37, Map.of(200, 843L, 400, 120L, 503, 37L)), null, -1, 0));

    private static final FbenchReport.Setup IN_CONTAINER = new FbenchReport.Setup(
            new BenchmarkQuery(QuerySpec.of(QueryMode.E5), EmbedForm.VESPA, QueryKind.EMBEDDING_COST, "598#0"),
            new FbenchRunner(null, "vespa", "/opt/vespa/bin/vespa-fbench", "localhost", 8080, 30, 0),
            "none: Vespa's embed() has no cache to warm");

    /** The flag reason is a cell of its own: GitHub drops text after a row's last pipe. */
    @Test
    void markdownTableNamesFormKindAndWhereFbenchRan() {
        assertEquals("""
                ### Ramp

                - embedding: vespa: Vespa embeds every request (input.query(...)=embed(...)), no cache: the Vespa blog's setup
                - kind: embedding-cost: select doc_id from passage where rank(doc_id contains "598#0", {targetHits:1}nearestNeighbor(e5_embedding, q_e5))
                - warm-up: none: Vespa's embed() has no cache to warm
                - where: vespa-fbench ran inside Docker container 'vespa' (docker exec) against localhost:8080: it shares that container's CPUs with Vespa, so its CPU time (fbench CPU) was taken from Vespa

                | clients | embedding | kind | avg latency (ms) | p95 (ms) | p99 (ms) | queries/s | failed | non-200 | fbench CPU (s) | notes |
                |---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|
                | 1 | vespa | embedding-cost | 3.99 | 7.98 | 11.97 | 250.4 | 0 | 0 | 12.3 | |
                | 16 | vespa | embedding-cost | 20.01 | 40.02 | 60.03 | 798.7 | 37 | 157 | not measured | **flagged: 37 failed requests; 157 non-200 answers (400 x 120, 503 x 37) counted as successful by fbench** |
                """, FbenchReport.markdown("Ramp", IN_CONTAINER, RAMP));
    }

    @Test
    void csvTable() {
        assertEquals("""
                clients,embedding,kind,avg_ms,p50_ms,p95_ms,p99_ms,qps,successful,failed,non200,fbench_cpu_s,fbench_where,unique_texts,flagged
                1,vespa,embedding-cost,3.99,3.59,7.98,11.97,250.39,1000,0,0,12.25,docker exec vespa,,false
                16,vespa,embedding-cost,20.01,18.01,40.02,60.03,798.71,1000,37,157,,docker exec vespa,,true
                """, FbenchReport.csv(IN_CONTAINER, RAMP));
    }

    /** A cold run says how many of its distinct texts it sent, and when the file ran out. */
    @Test
    void coldRowsSayWhetherTheirFileRanOut() {
        FbenchRun plenty = new FbenchRun(run(1, 8.0, 125.0, 0, Map.of(200, 1000L)), null, 30_000, 0);
        FbenchRun short_ = new FbenchRun(run(1, 8.0, 125.0, 0, Map.of(200, 1000L)), null, 1_000, 0);
        assertEquals("1000 of 30000 unique texts sent", plenty.notes());
        assertEquals("1000 of 1000 unique texts sent: the file ran out, the run may be shorter than its seconds "
                + "(raise --cold-max-qps)", short_.notes());
        // -i: 4 clients x 25 ignored results were sent too, though no summary count has them
        FbenchRun ignored = new FbenchRun(run(4, 8.0, 125.0, 0, Map.of(200, 1000L)), null, 1_150, 100);
        assertEquals(1100, ignored.sentRequests());
        assertTrue(ignored.ranOut(), "1000 successful alone would be under 95% of 1150: " + ignored.notes());
        FbenchRun impossible = new FbenchRun(run(1, 8.0, 125.0, 0, Map.of(200, 1000L)), null, 20, 0);
        assertTrue(impossible.inconsistent());
        assertEquals("**inconsistent: fbench counted 1000 requests sent or skipped, but the file holds only 20 unique "
                + "texts**", impossible.notes());
        FbenchReport.Setup local = new FbenchReport.Setup(
                BenchmarkQuery.retrieval(QuerySpec.of(QueryMode.E5), EmbedForm.COLD),
                new FbenchRunner(null, null, "vespa-fbench", "vespa-host", 8080, 30, 0), "none");
        assertEquals("1,cold,retrieval,8.00,7.20,16.00,24.00,125.00,1000,0,0,,local,30000,false",
                FbenchReport.csv(local, List.of(plenty)).lines().toList().get(1));
        assertEquals("where: vespa-fbench ran on this machine against vespa-host:8080: its CPU time (fbench CPU) competed "
                + "with Vespa only if Vespa runs on this machine too", local.lines().get(3));
    }
}
