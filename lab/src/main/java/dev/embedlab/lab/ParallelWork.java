package dev.embedlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Runs {@code task(i)} for i in [0, n) on {@code threads} plain threads pulling the next index; rethrows the first failure. */
public final class ParallelWork {

    @FunctionalInterface
    public interface IndexTask {
        void run(int index, int worker) throws Exception;
    }

    private ParallelWork() {
    }

    public static void run(int n, int threads, IndexTask task) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.max(1, threads); w++) {
            int id = w;
            Thread t = new Thread(() -> {
                int i;
                while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                    try {
                        task.run(i, id);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }
            }, "lab-worker-" + w);
            workers.add(t);
        }
        if (workers.size() == 1) {
            workers.get(0).run(); // on the caller's thread: "1 thread" means exactly one
        } else {
            workers.forEach(Thread::start);
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) throw r;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e.getMessage(), e);
    }
}
