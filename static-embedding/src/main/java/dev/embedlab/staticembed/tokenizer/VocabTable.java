package dev.embedlab.staticembed.tokenizer;

import java.util.Arrays;

/**
 * An immutable open-addressing hash set of char sequences with an int value each, looked up by a slice of a
 * char array and its precomputed polynomial hash, so finding a WordPiece candidate builds no String.
 *
 * <p>The hash of chars c0..c(n-1) is the polynomial {@code sum(ci * B^(n-1-i))} modulo 2^64. With prefix hashes
 * P (P[0] = 0, P[i+1] = P[i]*B + ci) the hash of any slice [s, e) is {@code P[e] - P[s]*B^(e-s)}: one multiply
 * per candidate, however long the candidate.
 */
final class VocabTable {

    static final long B = 0x100000001B3L;

    private final int[] slots;      // entry index + 1, 0 = empty
    private final int mask;
    private final long[] hashes;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] values;
    private final char[] pool;
    private final int maxLength;
    private final long[] powers;    // B^k for k in [0, maxLength]

    /** Builds a table of {@code keys[i] -> values[i]}; a later duplicate key replaces an earlier one. */
    VocabTable(String[] keys, int[] values) {
        int n = keys.length;
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        slots = new int[capacity];
        mask = capacity - 1;
        hashes = new long[n];
        offsets = new int[n];
        lengths = new int[n];
        this.values = new int[n];
        int total = 0, max = 0;
        for (String k : keys) {
            total += k.length();
            max = Math.max(max, k.length());
        }
        pool = new char[total];
        maxLength = max;
        powers = new long[max + 1];
        powers[0] = 1;
        for (int i = 1; i <= max; i++) powers[i] = powers[i - 1] * B;
        int at = 0;
        for (int i = 0; i < n; i++) {
            String k = keys[i];
            k.getChars(0, k.length(), pool, at);
            offsets[i] = at;
            lengths[i] = k.length();
            long h = hash(pool, at, at + k.length());
            hashes[i] = h;
            this.values[i] = values[i];
            at += k.length();
            int slot = slotOf(h);
            while (true) {
                int e = slots[slot];
                if (e == 0) {
                    slots[slot] = i + 1;
                    break;
                }
                if (equalsEntry(e - 1, h, pool, at - k.length(), at)) {
                    slots[slot] = i + 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    static long hash(char[] chars, int from, int to) {
        long h = 0;
        for (int i = from; i < to; i++) h = h * B + chars[i];
        return h;
    }

    /** Fills {@code prefix[0..len]} with the prefix hashes of {@code chars[from, from+len)}. */
    static void prefixHashes(char[] chars, int from, int len, long[] prefix) {
        long h = 0;
        prefix[0] = 0;
        for (int i = 0; i < len; i++) {
            h = h * B + chars[from + i];
            prefix[i + 1] = h;
        }
    }

    /** The hash of slice [s, e) given prefix hashes relative to the same origin; requires e - s <= maxLength. */
    long sliceHash(long[] prefix, int s, int e) {
        return prefix[e] - prefix[s] * powers[e - s];
    }

    int maxLength() {
        return maxLength;
    }

    private int slotOf(long h) {
        long x = h * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32)) & mask;
    }

    private boolean equalsEntry(int entry, long h, char[] chars, int from, int to) {
        if (hashes[entry] != h || lengths[entry] != to - from) return false;
        int off = offsets[entry];
        for (int i = from; i < to; i++) {
            if (pool[off++] != chars[i]) return false;
        }
        return true;
    }

    /** The value of {@code chars[from, to)} whose hash is {@code h}, or -1. */
    int get(long h, char[] chars, int from, int to) {
        int slot = slotOf(h);
        while (true) {
            int e = slots[slot];
            if (e == 0) return -1;
            if (equalsEntry(e - 1, h, chars, from, to)) return values[e - 1];
            slot = (slot + 1) & mask;
        }
    }

    int get(CharSequence key) {
        char[] chars = key.toString().toCharArray();
        if (chars.length > maxLength) return -1;
        return get(hash(chars, 0, chars.length), chars, 0, chars.length);
    }

    int size() {
        return values.length;
    }

    @Override
    public String toString() {
        return "VocabTable(" + values.length + " keys, max length " + maxLength + ", " + Arrays.stream(slots).filter(s -> s != 0).count() + " slots used)";
    }
}
