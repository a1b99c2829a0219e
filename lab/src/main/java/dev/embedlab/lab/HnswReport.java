package dev.embedlab.lab;

import dev.embedlab.core.metrics.Evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The HNSW table: exact search and every HNSW row per embedder, as a Markdown section (appended to lab.md) and
 * hnsw.csv. The CSV starts with the columns {@code embedlab sweep hnsw} writes, in its order, so the lab's preview
 * and a sweep against a real Vespa line up column for column; the lab's own measurements follow.
 */
public final class HnswReport {

    /** The first columns of {@code embedlab sweep hnsw}'s CSV (SweepReport), same names, same order. */
    public static final List<String> SWEEP_COLUMNS = List.of("label", "search", "max_links_per_node",
            "neighbors_to_explore_at_insert", "explore_additional_hits", "threads_per_search", "ndcg10", "recall100", "mrr10",
            "overlap10", "avg_ms", "p95_ms", "qps", "failed_queries", "fbench_flagged");

    /** Columns only the lab has. */
    public static final List<String> LAB_COLUMNS = List.of("embedder", "target_hits", "distance_computations",
            "build_seconds", "build_threads", "graph_bytes", "isolated_nodes", "short_queries", "qps_1t", "p50_ms", "p99_ms", "threads", "passages", "subset",
            "run_file");

    private final List<HnswRow> rows;
    private final List<LabRow> exact;
    private final LabData data;
    private final int threads;
    private final int exactDepth;

    /**
     * {@code exact}: the float rows of the same embedders (exact search, {@code exactDepth} hits per query), shown
     * first as the baseline.
     */
    public HnswReport(List<HnswRow> rows, List<LabRow> exact, LabData data, int threads, int exactDepth) {
        this.rows = List.copyOf(rows);
        this.exact = exact.stream().filter(LabRow::isFloat)
                .filter(r -> rows.stream().anyMatch(h -> h.embedder().equals(r.embedder()))).toList();
        this.data = data;
        this.threads = threads;
        this.exactDepth = exactDepth;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String markdown() {
        StringBuilder s = new StringBuilder("### HNSW (Vespa's index rebuilt in the lab)\n\n");
        s.append("| embedder | max-links-per-node | neighbors-to-explore-at-insert | exploreAdditionalHits | targetHits | NDCG@10 "
                + "| overlap@10 | recall@100 | distances/query | build s | graph MB | search q/s 1t | QPS ").append(threads)
                .append("t | p50 (ms) | p95 (ms) | p99 (ms) |\n");
        s.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (LabRow e : exact) {
            s.append(fmt("| %s | exact | | | %d | %.4f | 1.0000 | %.4f | %d | | | %.0f | %.0f | | | |%n", e.embedder(),
                    exactDepth, e.evaluation().ndcg10(), e.evaluation().recall100(), data.passages().size(), e.searchQps1(),
                    e.searchQpsN()));
            for (HnswRow r : rows) {
                if (!r.embedder().equals(e.embedder())) continue;
                SearchTiming t = r.latency();
                s.append(fmt("| %s | %d | %d | %d | %d | %.4f | %.4f | %.4f | %.0f | %.1f | %.1f | %.0f | %.0f | %.3f | %.3f | %.3f |%n",
                        r.embedder(), r.params().maxLinksPerNode(), r.params().neighborsToExploreAtInsert(), r.explore(),
                        r.targetHits(), r.evaluation().ndcg10(), r.overlap10(), r.evaluation().recall100(), r.distances(),
                        r.buildSeconds(), r.graphBytes() / 1e6, t.qps1(), t.qpsN(), t.p50Ms(), t.p95Ms(), t.p99Ms()));
            }
        }
        s.append('\n');
        s.append("- HNSW: the lab's model of Vespa's index (package dev.embedlab.lab.hnsw: layer 0 up to 2M links, upper layers M, "
                + "M heuristic-selected links per new node from a search with ef = neighbors-to-explore-at-insert, overflow "
                + "re-runs the heuristic and drops links both ways, levels with multiplier 1/ln(M)), distance 1 − dot "
                + "(prenormalized-angular), built over the float vectors on ").append(threads)
                .append(" threads; a query searches with ef = targetHits + exploreAdditionalHits and returns targetHits.\n");
        s.append("- exact: the float row's scan over all passages (one query split over all threads; QPS is one query at a "
                + "time); HNSW QPS runs whole queries side by side, one per thread, as Vespa searches HNSW single-threaded "
                + "per query. distances/query: vectors compared per query (exact: every passage). p50/p95/p99: one-thread "
                + "latency of the graph search alone (no embedding).\n");
        for (HnswRow r : rows) {
            if (r.shortQueries() > 0) {
                s.append(fmt("- %s %s (explore %d, targetHits %d): %d queries got fewer than targetHits hits; %d documents have "
                                + "no layer-0 links (Vespa's pruning drops links both ways and can cut a node off).%n", r.embedder(),
                        r.params().label(), r.explore(), r.targetHits(), r.shortQueries(), r.isolatedNodes()));
            }
        }
        s.append("- recall@100 counts the targetHits returned, so it is capped by targetHits 10. overlap@10: share of exact "
                + "search's top 10 in the top 10. graph MB: the link arrays as allocated (2M slots per node on layer 0), "
                + "vectors not counted.\n");
        return s.toString();
    }

    public static List<String> csvHeader() {
        List<String> header = new ArrayList<>(SWEEP_COLUMNS);
        header.addAll(LAB_COLUMNS);
        return header;
    }

    public String csv() {
        StringBuilder s = new StringBuilder(String.join(",", csvHeader())).append('\n');
        for (LabRow e : exact) {
            Evaluation ev = e.evaluation();
            line(s, List.of("exact", "exact", "", "", "", Integer.toString(threads), fmt("%.6f", ev.ndcg10()),
                    fmt("%.6f", ev.recall100()), fmt("%.6f", ev.mrr10()), "1.000000", "", "", fmt("%.1f", e.searchQpsN()), "0", "",
                    e.embedder(), Integer.toString(exactDepth), Integer.toString(data.passages().size()), "", "", "", "", "0",
                    fmt("%.1f", e.searchQps1()), "",
                    "", Integer.toString(threads), Integer.toString(data.passages().size()), Boolean.toString(data.subset()),
                    e.runFile().toString()));
            for (HnswRow r : rows) {
                if (!r.embedder().equals(e.embedder())) continue;
                Evaluation rv = r.evaluation();
                SearchTiming t = r.latency();
                line(s, List.of(r.label(), "approximate", Integer.toString(r.params().maxLinksPerNode()),
                        Integer.toString(r.params().neighborsToExploreAtInsert()), Integer.toString(r.explore()), "1",
                        fmt("%.6f", rv.ndcg10()), fmt("%.6f", rv.recall100()), fmt("%.6f", rv.mrr10()), fmt("%.6f", r.overlap10()),
                        fmt("%.4f", t.avgMs()), fmt("%.4f", t.p95Ms()), fmt("%.1f", t.qpsN()), "0", "",
                        r.embedder(), Integer.toString(r.targetHits()), fmt("%.1f", r.distances()), fmt("%.3f", r.buildSeconds()),
                        Integer.toString(r.buildThreads()), Long.toString(r.graphBytes()), Integer.toString(r.isolatedNodes()),
                        Integer.toString(r.shortQueries()), fmt("%.1f", t.qps1()),
                        fmt("%.4f", t.p50Ms()), fmt("%.4f", t.p99Ms()), Integer.toString(threads),
                        Integer.toString(data.passages().size()), Boolean.toString(data.subset()), r.runFile().toString()));
            }
        }
        return s.toString();
    }

    /** Writes hnsw.csv and appends the Markdown section to lab.md (written before by {@link LabReport}). */
    public void write(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("hnsw.csv"), csv(), StandardCharsets.UTF_8);
        Path md = outDir.resolve("lab.md");
        String before = Files.exists(md) ? Files.readString(md, StandardCharsets.UTF_8) : "";
        Files.writeString(md, before + (before.isEmpty() || before.endsWith("\n\n") ? "" : "\n") + markdown(),
                StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder s, List<String> cells) {
        s.append(cells.stream().map(HnswReport::csvCell).collect(Collectors.joining(","))).append('\n');
    }

    private static String csvCell(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
