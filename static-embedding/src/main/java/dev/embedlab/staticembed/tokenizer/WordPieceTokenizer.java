package dev.embedlab.staticembed.tokenizer;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A pure-Java WordPiece tokenizer equal to Hugging Face tokenizers' {@code encode(text,
 * add_special_tokens=False)} without truncation or padding. Build it with {@link Tokenizers#fromTokenizerJson}.
 *
 * <p>Per text, in tokenizers' order:
 * <ol>
 *   <li>Added tokens ({@code normalized: false}) are split out of the raw text, leftmost-longest, and emit their
 *       ids (so a literal "[CLS]" gives the [CLS] id even without special tokens); the text between them goes
 *       through the next steps separately.</li>
 *   <li>The normalizer ({@link TextNormalizer}: BertNormalizer and friends).</li>
 *   <li>The pre-tokenizer ({@link PreTokenizerKind}): BertPreTokenizer splits on whitespace and isolates each
 *       punctuation character (ASCII punctuation or Unicode P* as the Rust crates define them).</li>
 *   <li>WordPiece per word: a word of more than {@code max_input_chars_per_word} code points is the unknown
 *       token; otherwise greedy longest-match-first from the left, pieces after the first looked up with the
 *       {@code continuing_subword_prefix}; a word with a piece that matches nothing is one unknown token.</li>
 * </ol>
 *
 * <p>Speed: ASCII text takes a table-driven path; vocabulary lookups hash slices of a reused char buffer (see
 * {@link VocabTable}); buffers are per thread, so encoding allocates nothing once warm. Non-ASCII text is
 * decomposed per character with memoized NFD and falls back to whole-text NFD only when canonical reordering
 * could change the result. Immutable and thread-safe.
 */
public final class WordPieceTokenizer implements Tokenizer {

    private final String source;
    private final TextNormalizer normalizer;
    private final int[] asciiMap;
    /** ASCII chars at which the fast path stops to look for an added token. */
    private final boolean[] stopChars;
    private final PreTokenizerKind preTokenizer;
    private final AddedTokenMatcher addedTokens;
    private final VocabTable words;
    private final VocabTable continuations;
    private final int unknownId;
    private final int maxInputCharsPerWord;
    private final String[] tokens;
    private final Map<String, Integer> ids;

    WordPieceTokenizer(String source, TextNormalizer normalizer, PreTokenizerKind preTokenizer,
                       AddedTokenMatcher addedTokens, Map<String, Integer> vocab, String continuingSubwordPrefix,
                       int unknownId, int maxInputCharsPerWord, Map<String, Integer> allIds) {
        this.source = Objects.requireNonNull(source);
        this.normalizer = normalizer;
        this.asciiMap = normalizer.asciiMap();
        this.preTokenizer = preTokenizer;
        this.addedTokens = addedTokens;
        this.stopChars = addedTokens.asciiFirstChars();
        this.unknownId = unknownId;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        String[] keys = vocab.keySet().toArray(String[]::new);
        int[] values = new int[keys.length];
        int continued = 0;
        for (int i = 0; i < keys.length; i++) {
            values[i] = vocab.get(keys[i]);
            if (keys[i].startsWith(continuingSubwordPrefix)) continued++;
        }
        words = new VocabTable(keys, values);
        String[] contKeys = new String[continued];
        int[] contValues = new int[continued];
        int c = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].startsWith(continuingSubwordPrefix)) {
                contKeys[c] = keys[i].substring(continuingSubwordPrefix.length());
                contValues[c++] = values[i];
            }
        }
        continuations = new VocabTable(contKeys, contValues);
        this.ids = Map.copyOf(allIds);
        int size = 0;
        for (int id : allIds.values()) size = Math.max(size, id + 1);
        tokens = new String[size];
        for (Map.Entry<String, Integer> e : allIds.entrySet()) tokens[e.getValue()] = e.getKey();
    }

    @Override
    public void encode(CharSequence text, TokenIds out) {
        Scratch s = Scratch.get();
        int length = text.length();
        int from = 0;
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
                    preTokenize(s.norm, s.normLength, out, s);
                    return;
                }
                if (text.charAt(i) < 128) { // an added token at i
                    preTokenize(s.norm, s.normLength, out, s);
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
            preTokenize(s.norm, s.normLength, out, s);
            if (match < 0) return;
            out.add(s.matchId);
            from = s.matchEnd;
        }
    }

    /** Convenience: the ids of {@code text} as a new array. */
    public int[] encode(CharSequence text) {
        TokenIds out = new TokenIds();
        encode(text, out);
        return out.toArray();
    }

    /**
     * Normalizes ASCII chars from {@code from} through the table, appending to s.norm, and returns the index of
     * the first char it did not take: a non-ASCII char, a possible added-token start, or {@code to}. Without an
     * ASCII table it takes nothing.
     */
    private int normalizeAscii(CharSequence text, int from, int to, Scratch s) {
        int[] map = asciiMap;
        if (map == null) return from;
        boolean[] stop = stopChars;
        int n = s.normLength;
        if (s.norm.length < n + to - from) s.norm = java.util.Arrays.copyOf(s.norm, Math.max(n + to - from, s.norm.length * 2));
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

    private void preTokenize(char[] norm, int length, TokenIds out, Scratch s) {
        if (preTokenizer == PreTokenizerKind.NONE) {
            if (length > 0) wordPiece(norm, 0, length, out, s);
            return;
        }
        boolean punctuation = preTokenizer == PreTokenizerKind.BERT;
        int wordStart = -1;
        int i = 0;
        while (i < length) {
            char c = norm[i];
            int width = 1;
            int classes;
            if (c < 128) {
                classes = ASCII_CLASSES[c];
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(norm[i + 1])) {
                    cp = Character.toCodePoint(c, norm[i + 1]);
                    width = 2;
                }
                classes = UnicodeClasses.classesOf(cp);
            }
            if ((classes & UnicodeClasses.WHITESPACE) != 0) {
                if (wordStart >= 0) {
                    wordPiece(norm, wordStart, i, out, s);
                    wordStart = -1;
                }
            } else if (punctuation && (classes & UnicodeClasses.PUNCTUATION) != 0) {
                if (wordStart >= 0) {
                    wordPiece(norm, wordStart, i, out, s);
                    wordStart = -1;
                }
                wordPiece(norm, i, i + width, out, s);
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i += width;
        }
        if (wordStart >= 0) wordPiece(norm, wordStart, length, out, s);
    }

    private static final int[] ASCII_CLASSES = new int[128];

    static {
        for (int c = 0; c < 128; c++) ASCII_CLASSES[c] = UnicodeClasses.classesOf(c);
    }

    /** WordPiece on the word {@code norm[start, end)}. */
    private void wordPiece(char[] norm, int start, int end, TokenIds out, Scratch s) {
        int length = end - start;
        if (length > maxInputCharsPerWord && Character.codePointCount(norm, start, length) > maxInputCharsPerWord) {
            out.add(unknownId);
            return;
        }
        long[] prefix = s.prefix(length + 1);
        boolean surrogates = VocabTable.prefixHashes(norm, start, length, prefix);
        int mark = out.size();
        int pos = 0;
        while (pos < length) {
            VocabTable table = pos == 0 ? words : continuations;
            int to = Math.min(length, pos + table.maxLength());
            if (surrogates && splitsPair(norm, start, to, length)) to--;
            int id = -1;
            while (to > pos) {
                id = table.get(table.sliceHash(prefix, pos, to), norm, start + pos, start + to);
                if (id >= 0) break;
                to--;
                if (surrogates && to > pos && splitsPair(norm, start, to, length)) to--;
            }
            if (id < 0) {
                out.truncate(mark);
                out.add(unknownId);
                return;
            }
            out.add(id);
            pos = to;
        }
    }

    /** True when a piece ending at {@code to} would cut a surrogate pair in half. */
    private static boolean splitsPair(char[] norm, int start, int to, int length) {
        return to < length && Character.isLowSurrogate(norm[start + to]) && to > 0
                && Character.isHighSurrogate(norm[start + to - 1]);
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

    /** The normalizer's output for {@code text} (no added-token splitting); for tests and debugging. */
    String normalizeForTest(String text) {
        return normalizer.normalize(text);
    }

    @Override
    public String toString() {
        return "WordPieceTokenizer(" + source + ", " + words.size() + " tokens, " + normalizer.steps() + ", "
                + preTokenizer + ")";
    }
}
