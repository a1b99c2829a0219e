package dev.embedlab.tools.feed;

import java.time.Duration;
import java.util.Locale;

/** Formats "done / total, rate, ETA" lines for long work. */
public final class ProgressLine {

    private ProgressLine() {
    }

    /**
     * @param done    items finished so far (ok or failed)
     * @param failed  of which failed
     * @param total   expected total, or a negative number when unknown
     * @param elapsed time since the start
     */
    public static String format(long done, long failed, long total, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis() / 1000.0, 1e-3);
        double rate = done / seconds;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d", done));
        if (total >= 0) s.append(String.format(Locale.ROOT, "/%d (%.1f%%)", total, total == 0 ? 100.0 : 100.0 * done / total));
        s.append(String.format(Locale.ROOT, " docs, %d failed, %.1f docs/s", failed, rate));
        if (total >= 0 && rate > 0) s.append(", ETA ").append(duration((long) ((total - done) / rate)));
        return s.toString();
    }

    /** 42s, 3m07s, 2h05m: for ETAs on a progress line. */
    public static String duration(long seconds) {
        if (seconds >= 3600) return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        if (seconds >= 60) return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        return seconds + "s";
    }
}
