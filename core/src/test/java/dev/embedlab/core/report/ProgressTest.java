package dev.embedlab.core.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressTest {

    @Test
    void lineShowsShareRateAndEta() {
        assertEquals("e5: 250/1000 docs (25.0%), 50.0 docs/s, ETA 15s", Progress.line("e5", "docs", 250, 0, 1000, Duration.ofSeconds(5)));
        assertEquals("e5: 1000/1000 docs (100.0%), 200.0 docs/s, done in 5s", Progress.line("e5", "docs", 1000, 0, 1000, Duration.ofSeconds(5)));
    }

    @Test
    void lineWithUnknownTotalHasNoEtaAndFailuresShowOnlyWhenPresent() {
        assertEquals("30 docs, 2 failed, 10.0 docs/s", Progress.line("", "docs", 30, 2, -1, Duration.ofSeconds(3)));
    }

    @Test
    void durations() {
        assertEquals("42s", Progress.duration(42));
        assertEquals("3m07s", Progress.duration(187));
        assertEquals("2h05m", Progress.duration(7500));
    }

    @Test
    void logOutputIsThrottledButAlwaysEndsWithTheFinalCount() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "teacher", "tokens", 1000, Duration.ofHours(1))) {
            for (int i = 0; i < 1000; i++) progress.advance(1);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length, "one line for the whole job within one interval: " + String.join("|", lines));
        assertTrue(lines[0].startsWith("teacher: 1000/1000 tokens (100.0%)"), lines[0]);
    }

    @Test
    void closingEarlyReportsWhereTheWorkStopped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "e5", "docs", 10, Duration.ofHours(1))) {
            progress.advance(3);
            progress.fail(1);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("e5: 4/10 docs (40.0%), 1 failed"), bytes.toString(StandardCharsets.UTF_8));
    }
}
