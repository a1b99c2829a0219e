package dev.embedlab.tools.lab;

import dev.embedlab.tools.feed.ProgressLine;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on stderr, "[#####.....] 12345/49043 docs  85.3 docs/s  ETA 7m12s", redrawn at most
 * twice a second. On a terminal it redraws in place; in a log file (no console) it prints a line every 10 s.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean inPlace;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private volatile long lastDraw;

    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.inPlace = System.console() != null;
    }

    public void step(long n) {
        long now = done.addAndGet(n);
        long t = System.nanoTime();
        long interval = inPlace ? 500_000_000L : 10_000_000_000L;
        if (t - lastDraw >= interval || now == total) {
            synchronized (this) {
                if (t - lastDraw < interval && now != total) return;
                lastDraw = t;
                draw(now, t, false);
            }
        }
    }

    private void draw(long now, long t, boolean last) {
        out.print((inPlace ? "\r" : "") + render(label, now, total, (t - start) / 1e9) + (inPlace && !last ? "" : "\n"));
        out.flush();
    }

    static String render(String label, long done, long total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / total);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = rate > 0 && total > done ? ProgressLine.duration((long) ((total - done) / rate)) : "0s";
        return String.format(Locale.ROOT, "%s [%s] %d/%d %6.1f/s ETA %s  ", label, bar, done, total, rate, eta);
    }

    @Override
    public synchronized void close() {
        if (inPlace) draw(done.get(), System.nanoTime(), true);
    }
}
