package dev.embedlab.tools.distill;

import java.io.PrintStream;

/** Prints "done / total, rate, ETA" at most every couple of seconds, and once at the end. */
final class Progress {

    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long lastPrint = start;

    Progress(PrintStream out, String what, long total) {
        this.out = out;
        this.what = what;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < INTERVAL_NANOS) return;
        lastPrint = now;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        String eta = done >= total ? "done in " + duration(seconds) : "ETA " + duration((total - done) / Math.max(rate, 1e-9));
        out.printf("%s: %,d / %,d (%.0f%%), %,.0f/s, %s%n", what, done, total, 100.0 * done / total, rate, eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
    }
}
