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
        if (addedTokens.isEmpty()) {
            encodeSegment(text, 0, length, out, s);
            return;
        }
        int segmentStart = 0;
        int match;
        while ((match = addedTokens.find(text, segmentStart, length, s)) >= 0) {
            encodeSegment(text, segmentStart, match, out, s);
            out.add(s.matchId);
            segmentStart = s.matchEnd;
        }
        encodeSegment(text, segmentStart, length, out, s);
    }

    /** Convenience: the ids of {@code text} as a new array. */
    public int[] encode(CharSequence text) {
        TokenIds out = new TokenIds();
        encode(text, out);
        return out.toArray();
    }

    private void encodeSegment(CharSequence text, int from, int to, TokenIds out, Scratch s) {
        if (from >= to) return;
        s.normLength = 0;
        if (!normalizeAscii(text, from, to, s)) {
            s.normLength = 0;
            normalizer.normalize(text, from, to, s);
        }
        preTokenize(s.norm, s.normLength, out, s);
    }

    /** The ASCII fast path; false (with partial output) at the first non-ASCII char. */
    private boolean normalizeAscii(CharSequence text, int from, int to, Scratch s) {
        int[] map = asciiMap;
        if (map == null) return false;
        if (s.norm.length < to - from) s.norm = new char[Math.max(to - from, s.norm.length * 2)];
        char[] norm = s.norm;
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128) return false;
            int m = map[c];
            if (m >= 0) norm[n++] = (char) m;
        }
        s.normLength = n;
        return true;
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
        VocabTable.prefixHashes(norm, start, length, prefix);
        int mark = out.size();
        int pos = 0;
        while (pos < length) {
            VocabTable table = pos == 0 ? words : continuations;
            int to = Math.min(length, pos + table.maxLength());
            if (splitsPair(norm, start, to, length)) to--;
            int id = -1;
            while (to > pos) {
                id = table.get(table.sliceHash(prefix, pos, to), norm, start + pos, start + to);
                if (id >= 0) break;
                to--;
                if (to > pos && splitsPair(norm, start, to, length)) to--;
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
