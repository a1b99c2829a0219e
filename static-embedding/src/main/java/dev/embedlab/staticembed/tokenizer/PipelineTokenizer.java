package dev.embedlab.staticembed.tokenizer;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What every supported tokenizer.json pipeline shares, in tokenizers' order: added tokens ({@code normalized:
 * false}) are split out of the raw text first, leftmost-longest, and emit their ids (so a literal "[CLS]" gives
 * the [CLS] id even without special tokens); each text segment between them is normalized ({@link
 * TextNormalizer}) and handed to the model-specific {@link #encodeSegment}.
 *
 * <p>The ASCII fast path normalizes through a table and stops only at chars that may start an added token;
 * buffers are per thread ({@link Scratch}), so encoding allocates nothing once warm. Immutable, thread-safe.
 */
abstract class PipelineTokenizer implements Tokenizer {

    final String source;
    final TextNormalizer normalizer;
    final int[] asciiMap;
    /** ASCII chars at which the fast path stops to look for an added token. */
    final boolean[] stopChars;
    final AddedTokenMatcher addedTokens;
    private final String[] tokens;
    private final Map<String, Integer> ids;
    final int unknownId;

    PipelineTokenizer(String source, TextNormalizer normalizer, AddedTokenMatcher addedTokens,
                      Map<String, Integer> allIds, int unknownId) {
        this.source = Objects.requireNonNull(source);
        this.normalizer = normalizer;
        this.asciiMap = normalizer.asciiMap();
        this.addedTokens = addedTokens;
        this.stopChars = addedTokens.asciiFirstChars();
        this.unknownId = unknownId;
        this.ids = Map.copyOf(allIds);
        int size = 0;
        for (int id : allIds.values()) size = Math.max(size, id + 1);
        tokens = new String[size];
        for (Map.Entry<String, Integer> e : allIds.entrySet()) tokens[e.getValue()] = e.getKey();
    }

    /**
     * Appends the ids of one normalized segment, {@code norm[0, length)}; {@code rawStart} is where the segment
     * began in the raw text.
     */
    abstract void encodeSegment(char[] norm, int length, int rawStart, TokenIds out, Scratch s);

    @Override
    public void encode(CharSequence text, TokenIds out) {
        encodeFrom(text, 0, out, Scratch.get());
    }

    /** Encodes {@code text} from {@code from} (the start of a segment) to its end. */
    final void encodeFrom(CharSequence text, int from, TokenIds out, Scratch s) {
        int length = text.length();
        while (from < length) {
            s.normLength = 0;
            if (asciiMap != null) {
                // ASCII fast path; it stops at a non-ASCII char or at a char that may start an added token.
                int i = from;
                while (true) {
                    i = normalizeAscii(text, i, length, s);
                    if (i == length || text.charAt(i) >= 128 || addedTokens.matchAt(text, i, length, s)) break;
                    appendAscii(text.charAt(i++), s);
                }
                if (i == length) {
                    encodeSegment(s.norm, s.normLength, from, out, s);
                    return;
                }
                if (text.charAt(i) < 128) { // an added token at i
                    encodeSegment(s.norm, s.normLength, from, out, s);
                    out.add(s.matchId);
                    from = s.matchEnd;
                    continue;
                }
            }
            // Non-ASCII: the general path from the segment start to the next added token.
            int match = addedTokens.isEmpty() ? -1 : addedTokens.find(text, from, length, s);
            int end = match < 0 ? length : match;
            s.normLength = 0;
            normalizer.normalize(text, from, end, s);
            encodeSegment(s.norm, s.normLength, from, out, s);
            if (match < 0) return;
            out.add(s.matchId);
            from = s.matchEnd;
        }
    }

    /**
     * Normalizes ASCII chars from {@code from} through the table, appending to s.norm, and returns the index of
     * the first char it did not take: a non-ASCII char, a possible added-token start, or {@code to}. Only called
     * when there is an ASCII table.
     */
    private int normalizeAscii(CharSequence text, int from, int to, Scratch s) {
        int[] map = asciiMap;
        boolean[] stop = stopChars;
        int n = s.normLength;
        if (s.norm.length < n + to - from) {
            s.norm = java.util.Arrays.copyOf(s.norm, Math.max(n + to - from, s.norm.length * 2));
        }
        char[] norm = s.norm;
        int i = from;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128 || stop[c]) break;
            int m = map[c];
            if (m >= 0) norm[n++] = (char) m;
        }
        s.normLength = n;
        return i;
    }

    /** Appends one ASCII char through the table (a stop char that started no added token). */
    private void appendAscii(char c, Scratch s) {
        int m = asciiMap[c];
        if (m >= 0) s.append((char) m);
    }

    @Override
    public int vocabularySize() {
        return tokens.length;
    }

    @Override
    public OptionalInt unknownTokenId() {
        return OptionalInt.of(unknownId);
    }

    @Override
    public String token(int id) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new IllegalArgumentException("no token with id " + id + " in " + source);
        }
        return tokens[id];
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
