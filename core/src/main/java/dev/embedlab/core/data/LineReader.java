package dev.embedlab.core.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a (possibly compressed) text file line by line with 1-based line numbers. Each line is decoded as
 * strict UTF-8 on its own, so one line with broken bytes is reported as that line and the rest still reads.
 */
public final class LineReader implements Closeable {

    /** One physical line: its number and either its text or why it could not be decoded. */
    public record Line(long number, String text, String error) {
        public boolean isValid() {
            return error == null;
        }
    }

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[8192];
    private final byte[] chunk = new byte[1 << 16];
    private int position;
    private int limit;
    private long lineNumber;
    private boolean eof;

    private LineReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** What a reader does with one decoded line; throwing skips that line, with the exception's message as reason. */
    @FunctionalInterface
    public interface RecordReader {
        void read(Line line) throws MalformedRecordException;
    }

    /**
     * Reads every line of {@code file} into {@code reader}. A line that is not valid UTF-8, or that the reader
     * rejects, is added to {@code skipped} with its number and reason, and the rest of the file still reads.
     */
    public static void readRecords(Path file, List<SkippedLine> skipped, RecordReader reader) throws IOException {
        try (LineReader lines = open(file)) {
            Line line;
            while ((line = lines.next()) != null) {
                if (!line.isValid()) {
                    skipped.add(new SkippedLine(file, line.number(), line.error()));
                    continue;
                }
                try {
                    reader.read(line);
                } catch (MalformedRecordException e) {
                    skipped.add(new SkippedLine(file, line.number(), e.getMessage()));
                }
            }
        }
    }

    public static LineReader open(Path file) throws IOException {
        return new LineReader(file, CompressedInput.open(file));
    }

    public Path file() {
        return file;
    }

    /** The next line without its line terminator (\n or \r\n), or null at the end of the file. */
    public Line next() throws IOException {
        if (eof) return null;
        int length = 0;
        boolean newline = false;
        while (!newline) {
            if (position == limit) {
                limit = in.read(chunk, 0, chunk.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    eof = true;
                    if (length == 0) return null;
                    break;
                }
            }
            int end = position;
            while (end < limit && chunk[end] != '\n') end++;
            int count = end - position;
            if (length + count > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
            System.arraycopy(chunk, position, buffer, length, count);
            length += count;
            newline = end < limit;
            position = newline ? end + 1 : end;
        }
        if (length > 0 && buffer[length - 1] == '\r') length--;
        lineNumber++;
        int start = (lineNumber == 1 && length >= 3 && (buffer[0] & 0xff) == 0xef
                && (buffer[1] & 0xff) == 0xbb && (buffer[2] & 0xff) == 0xbf) ? 3 : 0; // UTF-8 byte order mark
        try {
            String text = decoder.reset().decode(ByteBuffer.wrap(buffer, start, length - start)).toString();
            return new Line(lineNumber, text, null);
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, "invalid UTF-8 (" + e.getMessage() + ")");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
