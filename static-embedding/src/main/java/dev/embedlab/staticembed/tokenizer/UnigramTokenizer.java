package dev.embedlab.staticembed.tokenizer;

import java.util.Map;

/**
 * A pure-Java Unigram (SentencePiece-style) tokenizer equal to Hugging Face tokenizers' {@code encode(text,
 * add_special_tokens=False)}, as Model2Vec writes for vocabulary-quantized models. Build it with {@link
 * Tokenizers#fromTokenizerJson}.
 *
 * <p>Per segment between added tokens (see {@link PipelineTokenizer}): normalization; then the {@code Metaspace}
 * pre-tokenizer (each ' ' becomes the replacement char, by default '▁'; prepend_scheme {@code always} prepends
 * it when the segment does not start with it, {@code first} only for the segment at the start of the text,
 * {@code never} not at all; {@code split} cuts before each replacement char); then per piece tokenizers'
 * {@code encode_optimized} Viterbi: for each char position from the left, every vocabulary token starting there
 * extends the best path if its score plus the path score is strictly greater (so on ties the earliest start
 * wins), a position with no single-char token gets the unknown token at {@code min score - 10}; consecutive
 * unknown tokens are fused into one, whose id is the fused string's if it is in the vocabulary, else unk.
 * Immutable and thread-safe.
 */
public final class UnigramTokenizer extends PipelineTokenizer {

    /** Metaspace's prepend_scheme. */
    enum Prepend { ALWAYS, FIRST, NEVER }

    /** The Metaspace pre-tokenizer, or null for none. */
    record Metaspace(char replacement, Prepend prepend, boolean split) {
    }

    static final double UNKNOWN_PENALTY = 10.0;

    private final VocabTable vocabulary;
    private final double[] scores;
    private final double unknownScore;
    private final Metaspace metaspace;

    UnigramTokenizer(String source, TextNormalizer normalizer, Metaspace metaspace, AddedTokenMatcher addedTokens,
                     String[] pieces, double[] scores, int unknownId, Map<String, Integer> allIds) {
        super(source, normalizer, addedTokens, allIds, unknownId);
        this.metaspace = metaspace;
        int[] ids = new int[pieces.length];
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pieces.length; i++) {
            ids[i] = i;
            if (scores[i] < min) min = scores[i];
        }
        this.vocabulary = new VocabTable(pieces, ids, true);
        this.scores = scores.clone();
        this.unknownScore = min - UNKNOWN_PENALTY;
    }

    @Override
    void encodeSegment(char[] norm, int length, int rawStart, TokenIds out, Scratch s) {
        if (length == 0) return;
        if (metaspace == null) {
            viterbi(norm, 0, length, out, s);
            return;
        }
        char replacement = metaspace.replacement();
        boolean prepend = norm[0] != replacement
                && (metaspace.prepend() == Prepend.ALWAYS || (metaspace.prepend() == Prepend.FIRST && rawStart == 0));
        int n = length + (prepend ? 1 : 0);
        if (s.pieces.length < n) s.pieces = new char[Math.max(n, s.pieces.length * 2)];
        char[] text = s.pieces;
        int at = 0;
        if (prepend) text[at++] = replacement;
        for (int i = 0; i < length; i++) text[at++] = norm[i] == ' ' ? replacement : norm[i];
        if (!metaspace.split()) {
            viterbi(text, 0, n, out, s);
            return;
        }
        int start = 0;
        for (int i = 1; i < n; i++) {
            if (text[i] == replacement) {
                viterbi(text, start, i, out, s);
                start = i;
            }
        }
        viterbi(text, start, n, out, s);
    }

    /** Appends the ids of the best segmentation of {@code text[start, end)}. */
    private void viterbi(char[] text, int start, int end, TokenIds out, Scratch s) {
        int n = end - start;
        if (n == 0) return;
        long[] prefix = s.prefix(n + 1);
        VocabTable.prefixHashes(text, start, n, prefix);
        s.lattice(n + 1);
        double[] best = s.bestScore;
        int[] from = s.bestStart;
        int[] id = s.bestId;
        java.util.Arrays.fill(from, 0, n + 1, -1);
        best[0] = 0.0;
        int maxLength = vocabulary.maxLength();
        int pos = 0;
        while (pos < n) {
            int charLength = Character.isHighSurrogate(text[start + pos]) && pos + 1 < n
                    && Character.isLowSurrogate(text[start + pos + 1]) ? 2 : 1;
            double base = best[pos];
            boolean singleChar = false;
            int last = Math.min(n, pos + maxLength);
            for (int to = pos + 1; to <= last; to++) {
                if (to < n && Character.isLowSurrogate(text[start + to]) && Character.isHighSurrogate(text[start + to - 1])) {
                    continue; // would cut a surrogate pair
                }
                long hash = vocabulary.sliceHash(prefix, pos, to);
                if (!vocabulary.mightStartKey(hash)) break; // no piece starts with text[pos, to): none longer either
                int piece = vocabulary.get(hash, text, start + pos, start + to);
                if (piece < 0) continue;
                double candidate = scores[piece] + base;
                if (from[to] < 0 || candidate > best[to]) {
                    best[to] = candidate;
                    from[to] = pos;
                    id[to] = piece;
                }
                if (to - pos == charLength) singleChar = true;
            }
            if (!singleChar) {
                int to = pos + charLength;
                double candidate = unknownScore + base;
                if (from[to] < 0 || candidate > best[to]) {
                    best[to] = candidate;
                    from[to] = pos;
                    id[to] = unknownId;
                }
            }
            pos += charLength;
        }
        // Back from the end; runs of unknown tokens fuse into one.
        int count = 0;
        int fusedEnd = -1;
        int at = n;
        while (at > 0) {
            int begin = from[at];
            if (id[at] == unknownId) {
                if (fusedEnd < 0) fusedEnd = at;
            } else {
                if (fusedEnd >= 0) {
                    count = push(s, count, fusedId(text, start, prefix, at, fusedEnd));
                    fusedEnd = -1;
                }
                count = push(s, count, id[at]);
            }
            at = begin;
        }
        if (fusedEnd >= 0) count = push(s, count, fusedId(text, start, prefix, 0, fusedEnd));
        for (int i = count - 1; i >= 0; i--) out.add(s.reversed[i]);
    }

    private int fusedId(char[] text, int start, long[] prefix, int from, int to) {
        if (to - from > vocabulary.maxLength()) return unknownId;
        int piece = vocabulary.get(vocabulary.sliceHash(prefix, from, to), text, start + from, start + to);
        return piece >= 0 ? piece : unknownId;
    }

    private static int push(Scratch s, int count, int id) {
        if (count == s.reversed.length) s.reversed = java.util.Arrays.copyOf(s.reversed, count * 2);
        s.reversed[count] = id;
        return count + 1;
    }

    @Override
    public String toString() {
        return "UnigramTokenizer(" + source + ", " + vocabulary.size() + " pieces, " + normalizer.steps() + ", "
                + metaspace + ")";
    }
}
