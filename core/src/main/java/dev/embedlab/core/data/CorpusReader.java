package dev.embedlab.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streams passages from a corpus file (plain, .gz or .zst; see {@link CorpusFormat}) without loading it.
 * A malformed line is handed to the listener and kept in {@link #skipped()}, and reading goes on, so that
 * {@code passages() + skipped().size() == nonBlankLines()} always holds. Blank lines are not records.
 *
 * <pre>{@code
 * try (CorpusReader corpus = CorpusReader.open(path, CorpusFormat.AUTO, skip -> System.err.println(skip))) {
 *     while (corpus.hasNext()) { Passage p = corpus.next(); ... }
 * }
 * }</pre>
 */
public final class CorpusReader implements Iterator<Passage>, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LineReader lines;
    private final CorpusFormat format;
    private final Consumer<SkippedLine> onSkipped;
    private final List<SkippedLine> skipped = new ArrayList<>();
    private Passage pending;
    private long passages;
    private long nonBlankLines;

    private CorpusReader(LineReader lines, CorpusFormat format, Consumer<SkippedLine> onSkipped) {
        this.lines = lines;
        this.format = format;
        this.onSkipped = onSkipped;
    }

    public static CorpusReader open(Path file, CorpusFormat format, Consumer<SkippedLine> onSkipped) throws IOException {
        return new CorpusReader(LineReader.open(file), Objects.requireNonNull(format), Objects.requireNonNull(onSkipped));
    }

    public static CorpusReader open(Path file, CorpusFormat format) throws IOException {
        return open(file, format, skip -> { });
    }

    /** Reads a whole corpus into memory: for small corpora and tests. Skipped lines are in the result. */
    public static Corpus readAll(Path file, CorpusFormat format) throws IOException {
        List<Passage> all = new ArrayList<>();
        try (CorpusReader reader = open(file, format)) {
            reader.forEachRemaining(all::add);
            return new Corpus(List.copyOf(all), List.copyOf(reader.skipped()));
        }
    }

    /** A corpus read into memory with the lines that were skipped. */
    public record Corpus(List<Passage> passages, List<SkippedLine> skipped) {
    }

    /** @throws UncheckedIOException when the file itself cannot be read (as opposed to a bad line) */
    @Override
    public boolean hasNext() {
        if (pending != null) return true;
        try {
            pending = readNext();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + lines.file() + " after line " + nonBlankLines, e);
        }
        return pending != null;
    }

    @Override
    public Passage next() {
        if (!hasNext()) throw new NoSuchElementException();
        Passage next = pending;
        pending = null;
        return next;
    }

    private Passage readNext() throws IOException {
        LineReader.Line line;
        while ((line = lines.next()) != null) {
            if (line.isValid() && line.text().isBlank()) continue;
            nonBlankLines++;
            if (!line.isValid()) {
                skip(line.number(), line.error());
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line.text());
                Passage passage = format.toPassage(node, line.number());
                passages++;
                return passage;
            } catch (JsonProcessingException e) {
                skip(line.number(), "invalid JSON: " + e.getOriginalMessage());
            } catch (MalformedRecordException e) {
                skip(line.number(), e.getMessage());
            }
        }
        return null;
    }

    private void skip(long lineNumber, String reason) {
        SkippedLine skip = new SkippedLine(lines.file(), lineNumber, reason);
        skipped.add(skip);
        onSkipped.accept(skip);
    }

    public Path file() {
        return lines.file();
    }

    /** Passages returned so far. */
    public long passages() {
        return passages;
    }

    /** Non-blank lines read so far (each became a passage or a skipped line). */
    public long nonBlankLines() {
        return nonBlankLines;
    }

    /** Lines skipped so far, in file order. */
    public List<SkippedLine> skipped() {
        return List.copyOf(skipped);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
