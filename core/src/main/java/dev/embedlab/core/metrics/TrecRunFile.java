package dev.embedlab.core.metrics;

import dev.embedlab.core.data.LineReader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TREC run files: one line per retrieved document, {@code qid Q0 docid rank score tag}, whitespace separated.
 * Scores are written with {@link Double#toString} (shortest exact form) so that no two different scores are
 * rounded into a tie, which would let trec_eval reorder them by document id.
 */
public final class TrecRunFile {

    private TrecRunFile() {
    }

    public static void write(Run run, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(run, out);
        }
    }

    public static void write(Run run, Writer out) throws IOException {
        String tag = run.tag() == null || run.tag().isBlank() ? "embedlab" : run.tag().replaceAll("\\s+", "_");
        for (Map.Entry<String, List<RunEntry>> query : run.results().entrySet()) {
            for (RunEntry entry : query.getValue()) {
                out.write(query.getKey() + " Q0 " + entry.docId() + " " + entry.rank() + " "
                        + entry.score() + " " + tag + "\n");
            }
        }
    }

    /**
     * Reads a run file. Lines must have six columns with an integer rank and a numeric score; anything else,
     * or a document listed twice for one query (trec_eval rejects that), fails with file and line.
     */
    public static Run read(Path file) throws IOException {
        Map<String, List<RunEntry>> results = new LinkedHashMap<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        String tag = null;
        try (LineReader lines = LineReader.open(file)) {
            LineReader.Line line;
            while ((line = lines.next()) != null) {
                if (!line.isValid()) throw malformed(file, line.number(), line.error());
                String text = line.text().strip();
                if (text.isEmpty()) continue;
                String[] c = text.split("\\s+");
                if (c.length != 6) {
                    throw malformed(file, line.number(), "expected 6 columns (qid Q0 docid rank score tag), found " + c.length);
                }
                int rank;
                double score;
                try {
                    rank = Integer.parseInt(c[3]);
                    score = Double.parseDouble(c[4]);
                } catch (NumberFormatException e) {
                    throw malformed(file, line.number(), "rank '" + c[3] + "' or score '" + c[4] + "' is not a number");
                }
                if (!seen.computeIfAbsent(c[0], q -> new HashSet<>()).add(c[2])) {
                    throw malformed(file, line.number(), "document " + c[2] + " listed twice for query " + c[0]);
                }
                if (tag == null) tag = c[5];
                results.computeIfAbsent(c[0], q -> new ArrayList<>()).add(new RunEntry(c[2], rank, score));
            }
        }
        return new Run(tag == null ? "" : tag, results);
    }

    private static IOException malformed(Path file, long line, String reason) {
        return new IOException(file + ":" + line + ": " + reason);
    }
}
