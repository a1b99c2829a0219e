package dev.embedlab.core.data;

import java.nio.file.Path;

/**
 * An input line that was not turned into a record, with the reason. Readers keep going after one, and keep
 * every skipped line so that counts reconcile: records + skipped lines = non-blank input lines.
 */
public record SkippedLine(Path file, long line, String reason) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
