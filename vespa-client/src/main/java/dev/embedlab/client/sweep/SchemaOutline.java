package dev.embedlab.client.sweep;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The block structure of a Vespa schema (.sd) file, with the text offsets an editor needs: every
 * {@code header { ... }} block with its children, and every {@code key: value} setting in it. Only as much of the
 * grammar as finding a block needs:
 * <ul>
 *   <li>{@code #} starts a comment to the end of the line; double-quoted strings are text (braces, {@code #});</li>
 *   <li>a statement ends at a line break, an opening or a closing brace;</li>
 *   <li>a statement with a colon (outside parentheses) is a setting: its value runs to the end of the line or to
 *       the closing brace of a one-line block, and braces it opens itself (a tensor literal) are text;</li>
 *   <li>a statement ending in an opening brace is a block's header; braces inside parentheses are text
 *       ({@code tensor<float>(x{})}); a brace alone on the line after its header takes that line as header.</li>
 * </ul>
 */
public final class SchemaOutline {

    /** {@code key: value}; the value's offsets let an editor replace it and leave the rest of the line alone. */
    public record Setting(String key, String value, int valueStart, int valueEnd) {
    }

    /**
     * A {@code header { ... }} block.
     *
     * @param header      the header's words, single-spaced ({@code field e5_embedding type tensor<float>(x[384])})
     * @param headerStart offset of the header's first character
     * @param open        offset of the opening brace
     * @param close       offset of the closing brace
     */
    public record Block(String header, int headerStart, int open, int close, List<Block> children, List<Setting> settings) {

        /** The header's first word: field, index, hnsw, document, schema, ... */
        public String keyword() {
            return header.split(" ", 2)[0];
        }

        /** The header's second word (a field's or document's name), or "" when there is none. */
        public String name() {
            String[] words = header.split(" ", 3);
            return words.length > 1 ? words[1] : "";
        }

        /** The child blocks whose header is exactly {@code header}. */
        public List<Block> children(String header) {
            return children.stream().filter(b -> b.header.equals(header)).toList();
        }

        /** The settings of this block (not of its children) named {@code key}. */
        public List<Setting> settings(String key) {
            return settings.stream().filter(s -> s.key.equals(key)).toList();
        }
    }

    private SchemaOutline() {
    }

    /** The whole file as a block without header whose children are the top-level blocks (normally one schema). */
    public static Block parse(String sd, String where) throws IOException {
        Deque<Builder> open = new ArrayDeque<>();
        open.push(new Builder("", 0, -1));
        int statementStart = 0;
        int parentheses = 0;   // braces inside (...) are part of a type, as in tensor<float>(x{})
        int colon = -1;        // where the statement's setting value starts, -1 while it is not a setting
        int valueBraces = 0;   // braces opened inside a setting's value, as in a tensor literal {{x:a}:1}
        Bare bare = null;      // the last statement without a colon: the header, if a brace follows on the next line
        for (int i = 0; i < sd.length(); i++) {
            char c = sd.charAt(i);
            boolean inText = parentheses > 0 || colon >= 0 && (valueBraces > 0 || c == '{');
            if (c == '#' || c == '\n') {
                if (!sd.substring(statementStart, i).isBlank()) {
                    bare = endStatement(open.peek(), sd, statementStart, colon, i);
                }
                if (c == '#') {
                    int eol = sd.indexOf('\n', i);
                    i = eol < 0 ? sd.length() : eol;
                }
                statementStart = i + 1;
                parentheses = 0;
                colon = -1;
                valueBraces = 0;
            } else if (c == '"') {
                i = endOfString(sd, i, where);
            } else if (c == '(') {
                parentheses++;
            } else if (c == ')') {
                parentheses = Math.max(0, parentheses - 1);
            } else if (c == ':' && parentheses == 0 && colon < 0) {
                colon = i;
            } else if (inText) {
                if (colon >= 0 && c == '{') valueBraces++;
                else if (colon >= 0 && c == '}') valueBraces--;
            } else if (c == '{') {
                String header = collapse(sd.substring(statementStart, i));
                int headerStart = firstNonBlank(sd, statementStart);
                if (header.isEmpty()) {
                    if (bare == null) throw new IOException(where + ":" + line(sd, i) + ": '{' without a header");
                    header = bare.text();
                    headerStart = bare.start();
                }
                open.push(new Builder(header, headerStart, i));
                statementStart = i + 1;
                bare = null;
            } else if (c == '}') {
                endStatement(open.peek(), sd, statementStart, colon, i);
                if (open.size() == 1) throw new IOException(where + ":" + line(sd, i) + ": '}' without a matching '{'");
                Builder done = open.pop();
                open.peek().children.add(done.build(i));
                statementStart = i + 1;
                colon = -1;
                bare = null;
            }
        }
        if (open.size() > 1) {
            Builder unclosed = open.peek();
            throw new IOException(where + ":" + line(sd, unclosed.open) + ": '" + unclosed.header + " {' is never closed");
        }
        return open.pop().build(sd.length());
    }

    /** The 1-based line of an offset, for error messages. */
    public static int line(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    private record Bare(String text, int start) {
    }

    /**
     * Ends the statement in {@code [start, end)}: a setting (its colon at {@code colon}) is added to the block, a
     * statement without a colon is returned.
     */
    private static Bare endStatement(Builder block, String sd, int start, int colon, int end) {
        if (sd.substring(start, end).isBlank()) return null;
        if (colon < 0) return new Bare(collapse(sd.substring(start, end)), firstNonBlank(sd, start));
        int valueStart = colon + 1;
        while (valueStart < end && Character.isWhitespace(sd.charAt(valueStart))) valueStart++;
        int valueEnd = end;
        while (valueEnd > valueStart && Character.isWhitespace(sd.charAt(valueEnd - 1))) valueEnd--;
        block.settings.add(new Setting(sd.substring(start, colon).trim(), sd.substring(valueStart, valueEnd),
                valueStart, valueEnd));
        return null;
    }

    /** The closing quote of the string opened at {@code quote}; a string may span lines. */
    private static int endOfString(String sd, int quote, String where) throws IOException {
        for (int i = quote + 1; i < sd.length(); i++) {
            char c = sd.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') return i;
        }
        throw new IOException(where + ":" + line(sd, quote) + ": string is never closed");
    }

    private static int firstNonBlank(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    private static String collapse(String text) {
        return text.trim().replaceAll("\\s+", " ");
    }

    private static final class Builder {
        final String header;
        final int headerStart;
        final int open;
        final List<Block> children = new ArrayList<>();
        final List<Setting> settings = new ArrayList<>();

        Builder(String header, int headerStart, int open) {
            this.header = header;
            this.headerStart = headerStart;
            this.open = open;
        }

        Block build(int close) {
            return new Block(header, headerStart, open, close, List.copyOf(children), List.copyOf(settings));
        }
    }
}
