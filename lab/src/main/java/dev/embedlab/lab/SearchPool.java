package dev.embedlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs one query's scan over all documents on {@code threads} threads, each over a contiguous slice of the
 * matrix, and merges the per-slice top-k. With one thread it runs on the caller's thread.
 */
final class SearchPool implements AutoCloseable {

    private final int threads;
    private final ExecutorService executor;

    SearchPool(int threads) {
        this.threads = Math.max(1, threads);
        this.executor = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "lab-search");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** {@code slice.apply(i)} scans slice i of {@code threads()} and returns its top k; the merged top k is returned. */
    TopK run(int k, IntFunction<TopK> slice) {
        if (executor == null) return slice.apply(0);
        List<Future<TopK>> parts = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int index = i;
            parts.add(executor.submit(() -> slice.apply(index)));
        }
        TopK merged = new TopK(k);
        try {
            for (Future<TopK> part : parts) merged.addAll(part.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("search failed: " + e.getCause(), e.getCause());
        }
        return merged;
    }

    static int sliceStart(int slice, int slices, int n) {
        return (int) ((long) n * slice / slices);
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
    }
}
