package dev.embedlab.staticembed.tokenizer;

/**
 * An immutable open-addressing hash map from char sequences to ints, looked up by a slice of a char array and
 * its precomputed polynomial hash, so finding a WordPiece candidate builds no String.
 *
 * <p>The hash of chars c0..c(n-1) is the polynomial {@code sum(ci * B^(n-1-i))} modulo 2^64. With prefix hashes
 * P (P[0] = 0, P[i+1] = P[i]*B + ci) the hash of any slice [s, e) is {@code P[e] - P[s]*B^(e-s)}: one multiply
 * per candidate, however long. Each slot holds the full hash and (key offset, key length, value) side by side in
 * one long array, so a lookup touches one cache line of the table and, on a hash match, the key's chars once
 * to confirm (the hash alone is not trusted: such hashes can be made to collide).
 */
final class VocabTable {

    static final long B = 0x100000001B3L;

    private static final int LENGTH_BITS = 11;
    private static final int VALUE_BITS = 21;
    static final int MAX_KEY_LENGTH = (1 << LENGTH_BITS) - 1;
    static final int MAX_VALUE = (1 << VALUE_BITS) - 2;

    /** Two longs per slot: the key hash, then offset << 32 | length << 21 | (value + 1); 0 there = empty. */
    private final long[] slots;
    private final int mask;
    private final char[] pool;
    private final int maxLength;
    private final long[] powers;    // B^k for k in [0, maxLength]
    private final int size;
    /**
     * One bit per (hash bucket), set for each key: about 32 bits per key, so a miss is usually answered by one
     * bit test in an array small enough to stay in cache, without touching the table (WordPiece tries many
     * candidates that are not tokens).
     */
    private final long[] filter;
    private final int filterShift;
    /** Like {@link #filter} but for every prefix of every key (no false negatives); null unless asked for. */
    private final long[] prefixFilter;
    private final int prefixFilterShift;

    /** Builds a table of {@code keys[i] -> values[i]}; a later duplicate key replaces an earlier one. */
    VocabTable(String[] keys, int[] values) {
        this(keys, values, false);
    }

    /**
     * As {@link #VocabTable(String[], int[])}; with {@code prefixes}, also a filter that tells when a slice
     * cannot be the start of any key ({@link #mightStartKey}), so a left-to-right scan can stop early.
     */
    VocabTable(String[] keys, int[] values, boolean prefixes) {
        int n = keys.length;
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        slots = new long[capacity * 2];
        mask = capacity - 1;
        int total = 0, max = 0;
        for (String k : keys) {
            if (k.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("vocabulary token of " + k.length() + " chars is longer than "
                        + MAX_KEY_LENGTH + ": " + k.substring(0, 40) + "...");
            }
            total += k.length();
            max = Math.max(max, k.length());
        }
        pool = new char[total];
        maxLength = max;
        powers = new long[max + 1];
        powers[0] = 1;
        for (int i = 1; i <= max; i++) powers[i] = powers[i - 1] * B;
        int filterBits = Math.max(6, 64 - Long.numberOfLeadingZeros(Math.max(1L, n * 32L - 1)));
        filter = new long[1 << (filterBits - 6)];
        filterShift = 64 - filterBits;
        int at = 0, distinct = 0;
        for (int i = 0; i < n; i++) {
            String k = keys[i];
            if (values[i] < 0 || values[i] > MAX_VALUE) {
                throw new IllegalArgumentException("token id " + values[i] + " of '" + k + "' is out of [0, " + MAX_VALUE + "]");
            }
            k.getChars(0, k.length(), pool, at);
            long h = hash(pool, at, at + k.length());
            long data = ((long) at << 32) | ((long) k.length() << VALUE_BITS) | (values[i] + 1);
            int slot = slotOf(h);
            while (true) {
                long existing = slots[2 * slot + 1];
                if (existing == 0) {
                    distinct++;
                    break;
                }
                if (slots[2 * slot] == h && keyEquals(existing, pool, at, at + k.length())) break;
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = h;
            slots[2 * slot + 1] = data;
            int bit = filterBit(h);
            filter[bit >>> 6] |= 1L << bit;
            at += k.length();
        }
        size = distinct;
        if (prefixes) {
            long count = total; // the summed key lengths
            int bits = Math.max(6, 64 - Long.numberOfLeadingZeros(Math.max(1L, count * 16 - 1)));
            prefixFilter = new long[1 << (bits - 6)];
            prefixFilterShift = 64 - bits;
            for (String k : keys) {
                long h = 0;
                for (int i = 0; i < k.length(); i++) {
                    h = h * B + k.charAt(i);
                    int bit = (int) ((h * 0xC2B2AE3D27D4EB4FL) >>> prefixFilterShift);
                    prefixFilter[bit >>> 6] |= 1L << bit;
                }
            }
        } else {
            prefixFilter = null;
            prefixFilterShift = 0;
        }
    }

    /** False when the chars hashing to {@code h} are certainly not the start of any key (needs the prefix filter). */
    boolean mightStartKey(long h) {
        int bit = (int) ((h * 0xC2B2AE3D27D4EB4FL) >>> prefixFilterShift);
        return (prefixFilter[bit >>> 6] & (1L << bit)) != 0;
    }

    static long hash(char[] chars, int from, int to) {
        long h = 0;
        for (int i = from; i < to; i++) h = h * B + chars[i];
        return h;
    }

    /**
     * Fills {@code prefix[0..len]} with the prefix hashes of {@code chars[from, from+len)}; returns whether the
     * slice contains a surrogate.
     */
    static boolean prefixHashes(char[] chars, int from, int len, long[] prefix) {
        long h = 0;
        boolean surrogate = false;
        prefix[0] = 0;
        for (int i = 0; i < len; i++) {
            char c = chars[from + i];
            h = h * B + c;
            prefix[i + 1] = h;
            surrogate |= (c & 0xF800) == 0xD800;
        }
        return surrogate;
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
        return (int) (x >>> 32) & mask;
    }

    private int filterBit(long h) {
        return (int) ((h * 0xC2B2AE3D27D4EB4FL) >>> filterShift);
    }

    private boolean keyEquals(long data, char[] chars, int from, int to) {
        int length = (int) (data >>> VALUE_BITS) & MAX_KEY_LENGTH;
        if (length != to - from) return false;
        int off = (int) (data >>> 32);
        for (int i = from; i < to; i++) {
            if (pool[off++] != chars[i]) return false;
        }
        return true;
    }

    /** The value of {@code chars[from, to)} whose hash is {@code h}, or -1. */
    int get(long h, char[] chars, int from, int to) {
        int bit = filterBit(h);
        if ((filter[bit >>> 6] & (1L << bit)) == 0) return -1;
        long[] slots = this.slots;
        int slot = slotOf(h);
        while (true) {
            long data = slots[2 * slot + 1];
            if (data == 0) return -1;
            if (slots[2 * slot] == h && keyEquals(data, chars, from, to)) {
                return (int) (data & ((1 << VALUE_BITS) - 1)) - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The value of {@code key}, or -1 (convenience, allocates). */
    int get(String key) {
        char[] chars = key.toCharArray();
        if (chars.length > maxLength) return -1;
        return get(hash(chars, 0, chars.length), chars, 0, chars.length);
    }

    /** Number of distinct keys. */
    int size() {
        return size;
    }
}
