package dev.embedlab.staticembed.tokenizer;

import java.util.Map;

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
public final class WordPieceTokenizer extends PipelineTokenizer {

    private final PreTokenizerKind preTokenizer;
    private final VocabTable words;
    private final VocabTable continuations;
    private final int maxInputCharsPerWord;
    /** The ids of each ASCII char as a one-char word (what a punctuation char becomes). */
    private final int[] asciiCharIds = new int[128];

    WordPieceTokenizer(String source, TextNormalizer normalizer, PreTokenizerKind preTokenizer,
                       AddedTokenMatcher addedTokens, Map<String, Integer> vocab, String continuingSubwordPrefix,
                       int unknownId, int maxInputCharsPerWord, Map<String, Integer> allIds) {
        super(source, normalizer, addedTokens, allIds, unknownId);
        this.preTokenizer = preTokenizer;
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
        for (int ch = 0; ch < 128; ch++) {
            int id = words.get(String.valueOf((char) ch));
            asciiCharIds[ch] = id >= 0 ? id : unknownId;
        }
    }

    @Override
    void encodeSegment(char[] norm, int length, int rawStart, TokenIds out, Scratch s) {
        preTokenize(norm, length, out, s);
    }

    /**
     * Normalization, pre-tokenization, prefix hashing and WordPiece in one pass over ASCII text (when the
     * normalizer maps ASCII char by char and the pre-tokenizer splits); at the first non-ASCII char the current
     * segment's ids are dropped and the segment goes through the general path.
     */
    @Override
    public void encode(CharSequence text, TokenIds out) {
        Scratch s = Scratch.get();
        if (asciiMap == null || preTokenizer == PreTokenizerKind.NONE) {
            encodeFrom(text, 0, out, s);
            return;
        }
        int length = text.length();
        // A word longer than maxInputCharsPerWord is the unknown token: only that many chars need keeping.
        int keep = (int) Math.min(length, maxInputCharsPerWord + 1L);
        if (s.norm.length < keep) s.norm = new char[Math.max(keep, s.norm.length * 2)];
        char[] word = s.norm;
        long[] prefix = s.prefix(keep + 1);
        int[] map = asciiMap;
        boolean[] stop = stopChars;
        boolean punctuation = preTokenizer == PreTokenizerKind.BERT;
        int segmentStart = 0;
        int segmentMark = out.size();
        int wordLength = 0;
        long hash = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                out.truncate(segmentMark);
                encodeFrom(text, segmentStart, out, s);
                return;
            }
            if (stop[c] && addedTokens.matchAt(text, i, length, s)) {
                if (wordLength > 0) {
                    asciiWordPiece(word, wordLength, prefix, out);
                    wordLength = 0;
                    hash = 0;
                }
                out.add(s.matchId);
                i = s.matchEnd - 1;
                segmentStart = s.matchEnd;
                segmentMark = out.size();
                continue;
            }
            int m = map[c];
            if (m < 0) continue;
            int classes = ASCII_CLASSES[m];
            if ((classes & UnicodeClasses.WHITESPACE) != 0) {
                if (wordLength > 0) {
                    asciiWordPiece(word, wordLength, prefix, out);
                    wordLength = 0;
                    hash = 0;
                }
            } else if (punctuation && (classes & UnicodeClasses.PUNCTUATION) != 0) {
                if (wordLength > 0) {
                    asciiWordPiece(word, wordLength, prefix, out);
                    wordLength = 0;
                    hash = 0;
                }
                out.add(asciiCharIds[m]);
            } else if (wordLength < keep) {
                word[wordLength] = (char) m;
                hash = hash * VocabTable.B + m;
                prefix[++wordLength] = hash;
            } else {
                wordLength++;
            }
        }
        if (wordLength > 0) asciiWordPiece(word, wordLength, prefix, out);
    }

    /**
     * WordPiece of an ASCII word {@code word[0, length)} whose prefix hashes are already in {@code prefix}.
     * The greedy loop is {@link #wordPiece}'s with start 0 and no surrogate pairs, written out on purpose: shared
     * as one method, C2 compiled it as a separate call ("already compiled into a big method") instead of inlining
     * it into the ASCII fast path, and JMH static-java showed -2% queries/s on 1 thread, -10% documents/s on 2.
     */
    private void asciiWordPiece(char[] word, int length, long[] prefix, TokenIds out) {
        if (length > maxInputCharsPerWord) {
            out.add(unknownId);
            return;
        }
        prefix[0] = 0;
        int mark = out.size();
        int pos = 0;
        while (pos < length) {
            VocabTable table = pos == 0 ? words : continuations;
            int to = Math.min(length, pos + table.maxLength());
            int id = -1;
            while (to > pos) {
                id = table.get(table.sliceHash(prefix, pos, to), word, pos, to);
                if (id >= 0) break;
                to--;
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
    public String toString() {
        return "WordPieceTokenizer(" + source + ", " + words.size() + " tokens, " + normalizer.steps() + ", "
                + preTokenizer + ")";
    }
}
