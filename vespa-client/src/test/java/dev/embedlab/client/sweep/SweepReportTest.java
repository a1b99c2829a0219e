package dev.embedlab.client.sweep;

import dev.embedlab.client.evaluate.EvaluateResult;
import dev.embedlab.client.evaluate.QueryRun;
import dev.embedlab.client.fbench.FbenchCpu;
import dev.embedlab.client.fbench.FbenchRun;
import dev.embedlab.client.fbench.FbenchSummary;
import dev.embedlab.client.schema.EmbedForm;
import dev.embedlab.client.schema.QueryKind;
import dev.embedlab.client.schema.QueryMode;
import dev.embedlab.client.schema.QuerySpec;
import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.core.metrics.Run;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep tables, whole: what a reader of sweep-*.md and sweep-*.csv gets. */
class SweepReportTest {

    private static EvaluateResult evaluation(double ndcg, double overlap10, Map<String, String> failures) {
        Evaluation e = new Evaluation(List.of(), ndcg, 0.5, 0.25, ndcg, List.of(), List.of(), List.of());
        QueryRun run = new QueryRun(new Run("t", Map.of()), failures, 10, 0, 0, new double[] {1.0}, 10.0);
        return new EvaluateResult(QuerySpec.of(QueryMode.E5), run, e, Map.of(10, overlap10));
    }

    static FbenchRun fbench(int clients, double average, double p95, double qps, long failed,
                            Map<Integer, Long> statusCounts) {
        return new FbenchRun(new FbenchSummary(clients, 30, 0, failed, 1000, 1.0, 50.0, average,
                new TreeMap<>(Map.of(50.0, average, 95.0, p95, 99.0, p95 * 1.5)), qps, 90.0, -1,
                new TreeMap<>(statusCounts), List.of(), List.of()), new FbenchCpu(4.0, 1.5), -1, 0);
    }

    private static final String WHERE = "vespa-fbench ran inside Docker container 'vespa' (docker exec) against localhost:8080";

    private static SweepRow row(String label, String search, Integer maxLinks, Integer neighbors, Integer explore,
                                Integer threads, EmbedForm form) {
        return new SweepRow(label, search, maxLinks, neighbors, explore, threads, form, QueryKind.RETRIEVAL);
    }

    @Test
    void hnswSweepTables() {
        SweepPlan plan = new SweepPlan("HNSW sweep", List.of(), List.of(
                row("exact", "exact", null, null, null, null, EmbedForm.VESPA),
                row("m16-n100-e0", "approximate", 16, 100, 0, null, EmbedForm.VESPA),
                row("m16-n100-e100", "approximate", 16, 100, 100, null, EmbedForm.VESPA)));
        SweepReport report = new SweepReport(plan,
                Map.of("exact", evaluation(0.6667, 1.0, Map.of()), "m16-n100-e0", evaluation(0.39191, 0.88889, Map.of("q1", "timeout"))),
                Map.of("exact", fbench(1, 3.99, 5.6, 250.39, 0, Map.of(200, 1000L))), WHERE);
        assertEquals("""
                ### HNSW sweep

                | max-links-per-node | neighbors-to-explore-at-insert | exploreAdditionalHits | embedding | kind | NDCG@10 | overlap@10 | p95 (ms) | QPS | notes |
                |---:|---:|---:|---|---|---:|---:|---:|---:|---|
                | exact | | | vespa | retrieval | 0.6667 | 1.0000 | 5.6 | 250 | |
                | 16 | 100 | 0 | - | - | 0.3919 | 0.8889 | - | - | 1 failed queries |
                | 16 | 100 | 100 | - | - | - | - | - | - | not run |

                embedding, kind: of the fbench requests behind the latency and QPS columns; NDCG@10 comes from evaluate, which sends embedlab.text (the cache searcher embeds as embed() does: the same vectors).
                vespa-fbench ran inside Docker container 'vespa' (docker exec) against localhost:8080.
                """, report.markdown());
        assertEquals("""
                label,search,max_links_per_node,neighbors_to_explore_at_insert,explore_additional_hits,threads_per_search,ndcg10,recall100,mrr10,overlap10,avg_ms,p95_ms,qps,failed_queries,fbench_flagged,embedding,kind,fbench_cpu_s
                exact,exact,,,,,0.6667,0.5000,0.2500,1.0000,3.9900,5.6000,250.3900,0,false,vespa,retrieval,5.50
                m16-n100-e0,approximate,16,100,0,,0.3919,0.5000,0.2500,0.8889,,,,1,,,,
                m16-n100-e100,approximate,16,100,100,,,,,,,,,,,,,
                """, report.csv());
    }

    @Test
    void threadsSweepTableNamesAFlaggedFbenchRun() {
        SweepPlan plan = new SweepPlan("Threads", List.of(), List.of(
                row("exact-threads1", "exact", null, null, null, 1, EmbedForm.CACHED),
                row("exact-threads4", "exact", null, null, null, 4, EmbedForm.CACHED)));
        SweepReport report = new SweepReport(plan,
                Map.of("exact-threads1", evaluation(0.6, 1.0, Map.of()), "exact-threads4", evaluation(0.6, 1.0, Map.of())),
                Map.of("exact-threads1", fbench(1, 18.04, 30.0, 55.4, 0, Map.of(200, 1000L)),
                        "exact-threads4", fbench(1, 11.6, 20.0, 86.1, 3, Map.of(200, 990L, 503, 10L))), WHERE);
        assertEquals("""
                ### Threads

                | search | threads per search | embedding | kind | NDCG@10 | avg latency (ms) | p95 (ms) | QPS | notes |
                |---|---:|---|---|---:|---:|---:|---:|---|
                | exact | 1 | cached | retrieval | 0.6000 | 18.0 | 30.0 | 55 | |
                | exact | 4 | cached | retrieval | 0.6000 | 11.6 | 20.0 | 86 | fbench: 3 failed requests; 10 non-200 answers (503 x 10) counted as successful by fbench |

                embedding, kind: of the fbench requests behind the latency and QPS columns; NDCG@10 comes from evaluate, which sends embedlab.text (the cache searcher embeds as embed() does: the same vectors).
                vespa-fbench ran inside Docker container 'vespa' (docker exec) against localhost:8080.
                """, report.markdown());
    }

    /** --skip-fbench: no row has latency, so no row has an fbench request whose form and kind it could name. */
    @Test
    void withoutFbenchRowsNameNoFormAndTheFootnoteSaysItDidNotRun() {
        SweepPlan plan = new SweepPlan("Threads", List.of(), List.of(row("exact-threads1", "exact", null, null, null, 1,
                EmbedForm.VESPA)));
        SweepReport report = new SweepReport(plan, Map.of("exact-threads1", evaluation(0.6, 1.0, Map.of())), Map.of(), null);
        List<String> lines = report.markdown().lines().toList();
        assertEquals("| exact | 1 | - | - | 0.6000 | - | - | - | |", lines.get(4));
        assertEquals("fbench: not run (--skip-fbench, or the sweep stopped before a latency row).", lines.get(lines.size() - 1));
    }

    /** Labels and search names are free text in a plan: they must not split a Markdown cell or a CSV field. */
    @Test
    void cellsWithPipesCommasOrLineBreaksAreEscaped() {
        SweepPlan plan = new SweepPlan("Threads", List.of(), List.of(row("exact,1", "exact|bm25\nhybrid", null, null, null, 1,
                EmbedForm.COLD)));
        SweepReport report = new SweepReport(plan, Map.of(), Map.of(), null);
        assertEquals("| exact\\|bm25<br>hybrid | 1 | - | - | - | - | - | - | not run |", report.markdown().lines().toList().get(4));
        assertTrue(report.csv().endsWith("_cpu_s\n\"exact,1\",\"exact|bm25\nhybrid\",,,,1,,,,,,,,,,,,\n"), report.csv());
    }
}
