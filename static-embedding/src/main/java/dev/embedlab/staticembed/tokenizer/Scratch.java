package dev.embedlab.staticembed.tokenizer;

import java.util.Arrays;

/** Per-thread reusable buffers of the encode path, so encoding allocates nothing once they have grown. */
final class Scratch {

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    static Scratch get() {
        return PER_THREAD.get();
    }

    /** The normalized text of the current segment. */
    char[] norm = new char[256];
    int normLength;

    /** Prefix hashes of the current word. */
    long[] prefix = new long[128];

    /** Lowercasing output (at most 2 code points per input code point). */
    final int[] lower = new int[2];

    /** Strip-accents state: whether the current run of combining marks already kept one mark. */
    boolean keptMarkInRun;
    /** Set when per-character NFD might differ from NFD of the text (canonical reordering could matter). */
    boolean needsWholeTextNfd;

    /** Unigram: the Metaspace output, and the best path ending at each position of it. */
    char[] pieces = new char[256];
    double[] bestScore = new double[256];
    int[] bestStart = new int[256];
    int[] bestId = new int[256];
    /** Unigram: ids of a segment in reverse order. */
    int[] reversed = new int[64];

    /** End and id of the last added-token match. */
    int matchEnd;
    int matchId;

    void append(char c) {
        if (normLength == norm.length) norm = Arrays.copyOf(norm, norm.length * 2);
        norm[normLength++] = c;
    }

    void appendCodePoint(int cp) {
        if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
            append((char) cp);
        } else {
            append(Character.highSurrogate(cp));
            append(Character.lowSurrogate(cp));
        }
    }

    /** Makes the Unigram lattice arrays hold at least {@code length} positions. */
    void lattice(int length) {
        if (bestScore.length < length) {
            int n = Math.max(length, bestScore.length * 2);
            bestScore = new double[n];
            bestStart = new int[n];
            bestId = new int[n];
        }
    }

    long[] prefix(int length) {
        if (prefix.length < length) prefix = new long[Math.max(length, prefix.length * 2)];
        return prefix;
    }
}
