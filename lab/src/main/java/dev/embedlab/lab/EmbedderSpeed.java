package dev.embedlab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embedding throughput and latency of one embedder, measured on a document sample and on the topics.
 * "1 thread" is one caller thread; "all" is {@code threads} caller threads sharing the embedder (ONNX models run
 * each inference single-threaded, like a container handling concurrent requests). Each measurement repeats its
 * input until at least {@code minSeconds} have passed, after a short warm-up.
 *
 * @param sampleDocs      documents in the sample
 * @param docsPerSecond1  documents/s on 1 thread
 * @param docsPerSecondN  documents/s on {@code threads} threads
 * @param queriesPerSecond1 queries/s on 1 thread
 * @param queriesPerSecondN queries/s on {@code threads} threads
 * @param p50Millis       median single-query embedding latency on 1 thread
 * @param p99Millis       99th percentile of the same
 * @param threads         the "all cores" thread count
 */
record EmbedderSpeed(int sampleDocs, double docsPerSecond1, double docsPerSecondN, double queriesPerSecond1,
                     double queriesPerSecondN, double p50Millis, double p99Millis, int threads) {

    static EmbedderSpeed measure(LabEmbedder embedder, List<String> docs, List<String> queries, int threads,
                                 double minSeconds) {
        float[] out = new float[embedder.dimensions()];
        // Warm-up until the JIT has compiled the hot path: a few calls for an ONNX model, thousands for a static one.
        long warmUntil = System.nanoTime() + (long) (Math.max(0.3 * minSeconds, Math.min(1.0, minSeconds)) * 1e9);
        int warmed = 0;
        while (warmed < 8 || System.nanoTime() < warmUntil) {
            embedder.embed(docs.get(warmed % docs.size()), false, out, 0);
            embedder.embed(queries.get(warmed % queries.size()), true, out, 0);
            warmed++;
        }

        double docs1 = rate(docs, false, embedder, 1, minSeconds);
        double docsN = threads == 1 ? docs1 : rate(docs, false, embedder, threads, minSeconds);

        long[] latencies = new long[0];
        int count = 0;
        long start = System.nanoTime();
        do {
            if (latencies.length < count + queries.size()) latencies = Arrays.copyOf(latencies, Math.max(2 * latencies.length, count + queries.size()));
            for (String q : queries) {
                long t = System.nanoTime();
                embedder.embed(q, true, out, 0);
                latencies[count++] = System.nanoTime() - t;
            }
        } while (System.nanoTime() - start < minSeconds * 1e9);
        double seconds = (System.nanoTime() - start) / 1e9;
        double queries1 = count / seconds;
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double queriesN = threads == 1 ? queries1 : rate(queries, true, embedder, threads, minSeconds);
        return new EmbedderSpeed(docs.size(), docs1, docsN, queries1, queriesN,
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6, threads);
    }

    /**
     * Items per second embedding {@code texts} (cycled) on {@code threads} threads for at least minSeconds and at
     * least one pass. The threads are started once and pull the next index from a shared counter, so thread start-up
     * is not timed (it would dominate for a static model, whose embeddings take microseconds).
     */
    private static double rate(List<String> texts, boolean query, LabEmbedder embedder, int threads, double minSeconds) {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        int size = texts.size();
        long start = System.nanoTime();
        long deadline = start + (long) (minSeconds * 1e9);
        Runnable worker = () -> {
            float[] out = new float[embedder.dimensions()];
            while (System.nanoTime() < deadline || next.get() < size) {
                long i = next.getAndIncrement();
                embedder.embed(texts.get((int) (i % size)), query, out, 0);
                done.incrementAndGet();
            }
        };
        ParallelWork.run(threads, threads, (i, w) -> worker.run());
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
