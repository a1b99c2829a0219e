package dev.embedlab.client.fbench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time vespa-fbench itself used, read from the POSIX {@code times} builtin of the shell that ran it
 * ({@link #WRAPPER}): its second line is the user and system time of the shell's finished children, which is
 * fbench and all its client threads. Where fbench shares CPUs with Vespa (inside the Vespa container, or on the
 * same machine) this is CPU Vespa did not get.
 */
public record FbenchCpu(double userSeconds, double systemSeconds) {

    /** The line the wrapper prints to stderr before the {@code times} output. */
    public static final String MARKER = "embedlab-fbench-cpu:";
    /** sh -c script: runs its arguments (fbench), then prints the marker and {@code times}, keeping fbench's exit code. */
    public static final String WRAPPER = "\"$@\"; status=$?; echo " + MARKER + " >&2; times >&2; exit $status";

    /** Seconds with a decimal point, or a comma where the shell's locale uses one (bash follows LC_NUMERIC). */
    private static final Pattern TIMES_LINE = Pattern.compile("^\\s*(\\d+)m([\\d.,]+)s\\s+(\\d+)m([\\d.,]+)s\\s*$");

    public double totalSeconds() {
        return userSeconds + systemSeconds;
    }

    /** The children's times after the marker in {@code stderr}, or null when the output has none (not measured). */
    public static FbenchCpu parse(String stderr) {
        String[] lines = stderr.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals(MARKER)) continue;
            if (i + 2 >= lines.length) return null;
            Matcher children = TIMES_LINE.matcher(lines[i + 2]);
            if (!children.matches()) return null;
            return new FbenchCpu(seconds(children.group(1), children.group(2)), seconds(children.group(3), children.group(4)));
        }
        return null;
    }

    /** {@code stderr} without the marker and the {@code times} lines: what fbench itself printed. */
    public static String withoutTimes(String stderr) {
        int marker = stderr.indexOf(MARKER);
        return marker < 0 ? stderr : stderr.substring(0, marker);
    }

    private static double seconds(String minutes, String seconds) {
        return Integer.parseInt(minutes) * 60.0 + Double.parseDouble(seconds.replace(',', '.'));
    }
}
