package dev.embedlab.lab;

import dev.embedlab.core.metrics.Evaluation;
import dev.embedlab.core.metrics.Evaluator;
import dev.embedlab.core.metrics.Run;
import dev.embedlab.core.metrics.TrecRunFile;
import dev.embedlab.core.report.Progress;
import dev.embedlab.lab.hnsw.Hits;
import dev.embedlab.lab.hnsw.HnswIndex;
import dev.embedlab.lab.hnsw.HnswParams;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The HNSW rows of one embedder: for every index setting of the {@link HnswGrid}, an {@link HnswIndex} built over
 * the float document vectors on all threads, then every targetHits × exploreAdditionalHits searched for all topics,
 * scored against the qrels and against exact search (overlap@10), and timed.
 */
final class HnswLab {

    private final LabData data;
    private final HnswGrid grid;
    private final int threads;
    private final Path runsDir;
    private final PrintStream log;

    HnswLab(LabData data, HnswGrid grid, int threads, Path runsDir, PrintStream log) {
        this.data = data;
        this.grid = grid;
        this.threads = threads;
        this.runsDir = runsDir;
        this.log = log;
    }

    /** {@code exact}: exact search's hits per topic (the baseline of overlap@10). */
    List<HnswRow> measure(String embedder, FloatIndex floats, float[][] queries, TopK[] exact) throws IOException {
        Run exactRun = LabRunner.toRun(exact, data, "exact");
        List<HnswRow> rows = new ArrayList<>();
        for (HnswParams params : grid.settings()) {
            HnswIndex index;
            long start = System.nanoTime();
            try (Progress bar = Progress.of(log, embedder + " hnsw " + params.label(), "nodes", floats.rows())) {
                index = HnswIndex.build(floats.matrix(), floats.rows(), floats.dims(), params, threads, bar::advance);
            }
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            log.printf(Locale.ROOT, "%s: HNSW %s built in %.1f s on %d threads, %.0f distances per inserted node, graph %.1f MB, "
                    + "%.1f links per node on layer 0, %d nodes without layer-0 links%n", embedder, params.label(), buildSeconds,
                    threads, index.buildDistanceComputations() / (double) Math.max(1, index.size()), index.graphBytes() / 1e6,
                    index.linkCount(0) / (double) Math.max(1, index.size()), index.isolatedNodes());
            for (int targetHits : grid.targetHits()) {
                for (int explore : grid.explore()) {
                    rows.add(measure(embedder, index, queries, targetHits, explore, exactRun, buildSeconds));
                }
            }
        }
        return rows;
    }

    private HnswRow measure(String embedder, HnswIndex index, float[][] queries, int targetHits, int explore, Run exactRun,
                            double buildSeconds) throws IOException {
        TopK[] hits = new TopK[queries.length];
        long distances = 0;
        int shortQueries = 0;
        for (int q = 0; q < queries.length; q++) {
            Hits found = index.search(queries[q], targetHits, explore);
            distances += found.distanceComputations();
            if (found.size() < Math.min(targetHits, index.size())) shortQueries++;
            hits[q] = new TopK(targetHits);
            for (int i = 0; i < found.size(); i++) hits[q].offer(found.nodes()[i], found.scores()[i]);
        }
        HnswParams p = index.params();
        String name = embedder + ".hnsw-m" + p.maxLinksPerNode() + "-n" + p.neighborsToExploreAtInsert() + "-e" + explore
                + "-t" + targetHits + ".trec";
        Path runFile = runsDir.resolve(name);
        Run run = LabRunner.toRun(hits, data, name);
        TrecRunFile.write(run, runFile);
        Evaluation evaluation = Evaluator.evaluate(run, data.qrels());
        double overlap = Evaluator.meanOverlap(run, exactRun, 10);
        SearchTiming timing = time(index, queries, targetHits, explore);
        double perQuery = queries.length == 0 ? 0 : (double) distances / queries.length;
        log.printf(Locale.ROOT, "%s: HNSW %s targetHits %d explore %d: NDCG@10 %.4f, overlap@10 %.4f, %.0f distances/query, "
                        + "%.0f / %.0f q/s (1 / %d threads), p50 %.3f ms, p99 %.3f ms%n", embedder, p.label(), targetHits, explore,
                evaluation.ndcg10(), overlap, perQuery, timing.qps1(), timing.qpsN(), threads, timing.p50Ms(), timing.p99Ms());
        if (shortQueries > 0) {
            log.printf("%s: HNSW %s targetHits %d explore %d: %d queries got fewer than %d hits%n", embedder, p.label(), targetHits,
                    explore, shortQueries, targetHits);
        }
        return new HnswRow(embedder, p, explore, targetHits, evaluation, overlap, perQuery, buildSeconds, threads,
                index.graphBytes(), index.isolatedNodes(), shortQueries, timing, runFile);
    }

    /**
     * One thread: every query timed on its own, passes repeated for at least {@code minSeconds}. All threads: the
     * queries shared out to {@code threads} threads, each query on one thread, passes repeated the same way. The
     * untimed pass in {@link #measure} has compiled the search already.
     */
    private SearchTiming time(HnswIndex index, float[][] queries, int targetHits, int explore) {
        if (queries.length == 0) return new SearchTiming(0, 0, 0, 0, 0, 0);
        long[] latencies = new long[queries.length];
        int filled = 0;
        long searched = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (float[] query : queries) {
                long t = System.nanoTime();
                index.search(query, targetHits, explore);
                long took = System.nanoTime() - t;
                if (filled == latencies.length) latencies = Arrays.copyOf(latencies, filled * 2);
                latencies[filled++] = took;
            }
            searched += queries.length;
            elapsed = System.nanoTime() - start;
        } while (elapsed < grid.minSeconds() * 1e9);
        double qps1 = searched / (elapsed / 1e9);

        searched = 0;
        start = System.nanoTime();
        do {
            ParallelWork.run(queries.length, threads, (q, worker) -> index.search(queries[q], targetHits, explore));
            searched += queries.length;
            elapsed = System.nanoTime() - start;
        } while (elapsed < grid.minSeconds() * 1e9);
        double qpsN = searched / (elapsed / 1e9);
        return SearchTiming.of(Arrays.copyOf(latencies, filled), qps1, qpsN);
    }
}
