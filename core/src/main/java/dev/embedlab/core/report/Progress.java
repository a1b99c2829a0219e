package dev.embedlab.core.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of long work as one line, "e5-int8: 12345/49043 docs (25.2%), 85.3 docs/s, ETA 7m12s", written at most every
 * half second on a terminal (redrawn in place) and every {@code interval} otherwise (a log file gets one line
 * per interval, not a flood), and always once at the end. Thread-safe: workers call {@link #advance}.
 */
public final class Progress implements AutoCloseable {

    private static final long TERMINAL_INTERVAL_NANOS = 500_000_000L;

    private final PrintStream out;
    private final String label;
    private final String unit;
    private final long total;
    private final boolean inPlace;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long lastWrite = start;
    private boolean closed;

    private Progress(PrintStream out, String label, String unit, long total, boolean inPlace, Duration logInterval) {
        this.out = out;
        this.label = label;
        this.unit = unit;
        this.total = total;
        this.inPlace = inPlace;
        this.intervalNanos = inPlace ? TERMINAL_INTERVAL_NANOS : logInterval.toNanos();
    }

    /** Progress towards {@code total} {@code unit} (negative: unknown), redrawn in place on a terminal. */
    public static Progress of(PrintStream out, String label, String unit, long total) {
        return new Progress(out, label, unit, total, System.console() != null, Duration.ofSeconds(10));
    }

    /** As {@link #of}, but always line by line, every {@code interval}: for logs and tests. */
    public static Progress lines(PrintStream out, String label, String unit, long total, Duration interval) {
        return new Progress(out, label, unit, total, false, interval);
    }

    /** {@code n} more items finished. */
    public void advance(long n) {
        maybeWrite(done.addAndGet(n));
    }

    /** {@code n} more items failed; they count as finished too. */
    public void fail(long n) {
        failed.addAndGet(n);
        maybeWrite(done.addAndGet(n));
    }

    /** The number of finished items is now {@code count}. */
    public void set(long count) {
        done.set(count);
        maybeWrite(count);
    }

    private void maybeWrite(long now) {
        long t = System.nanoTime();
        if (t - lastWrite < intervalNanos && now != total) return;
        synchronized (this) {
            if (closed || (t - lastWrite < intervalNanos && now != total)) return;
            lastWrite = t;
            write(t, now == total);
        }
    }

    private void write(long nanos, boolean last) {
        String line = line(label, unit, done.get(), failed.get(), total, Duration.ofNanos(nanos - start));
        out.print((inPlace ? "\r" : "") + line + (inPlace && !last ? "  " : "\n"));
        out.flush();
    }

    /** Writes the final line (unless the last item already did). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (done.get() != total || inPlace) write(System.nanoTime(), true);
    }

    /**
     * "label: done/total unit (pct%), failed, rate unit/s, ETA": {@code total} negative means unknown (no
     * percentage, no ETA); the failed count appears only when something failed; an empty label is left out.
     */
    public static String line(String label, String unit, long done, long failed, long total, Duration elapsed) {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
        double rate = done / seconds;
        StringBuilder s = new StringBuilder(label.isEmpty() ? "" : label + ": ").append(done);
        if (total >= 0) s.append('/').append(total);
        s.append(' ').append(unit);
        if (total >= 0) s.append(String.format(Locale.ROOT, " (%.1f%%)", total == 0 ? 100.0 : 100.0 * done / total));
        if (failed > 0) s.append(String.format(Locale.ROOT, ", %d failed", failed));
        s.append(String.format(Locale.ROOT, ", %.1f %s/s", rate, unit));
        if (total >= 0 && done >= total) s.append(", done in ").append(duration(Math.round(seconds)));
        else if (total >= 0 && rate > 0) s.append(", ETA ").append(duration((long) ((total - done) / rate)));
        return s.toString();
    }

    /** 42s, 3m07s, 2h05m. */
    public static String duration(long seconds) {
        if (seconds >= 3600) return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        if (seconds >= 60) return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        return seconds + "s";
    }
}
