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
        assertEquals("docs: 250/1000 (25.0%), 50.0/s, ETA 15s", Progress.line("docs", 250, 0, 1000, Duration.ofSeconds(5)));
        assertEquals("docs: 1000/1000 (100.0%), 200.0/s, done in 5s", Progress.line("docs", 1000, 0, 1000, Duration.ofSeconds(5)));
    }

    @Test
    void lineWithUnknownTotalHasNoEtaAndFailuresShowOnlyWhenPresent() {
        assertEquals("docs: 30, 2 failed, 10.0/s", Progress.line("docs", 30, 2, -1, Duration.ofSeconds(3)));
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
        try (Progress progress = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "tokens", 1000, Duration.ofHours(1))) {
            for (int i = 0; i < 1000; i++) progress.advance(1);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length, "one line for the whole job within one interval: " + String.join("|", lines));
        assertTrue(lines[0].startsWith("tokens: 1000/1000 (100.0%)"), lines[0]);
    }

    @Test
    void closingEarlyReportsWhereTheWorkStopped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8), "docs", 10, Duration.ofHours(1))) {
            progress.advance(3);
            progress.fail(1);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("docs: 4/10 (40.0%), 1 failed"), bytes.toString(StandardCharsets.UTF_8));
    }
}
