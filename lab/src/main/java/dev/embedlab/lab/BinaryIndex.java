package dev.embedlab.lab;

import dev.embedlab.staticembed.SignBits;

/**
 * Binarized vectors as Vespa serves a {@code tensor<int8>} field with {@code distance-metric: hamming}: one sign
 * bit per dimension (Vespa's pack_bits / the hugging-face-embedder's int8 output, via {@link SignBits}), packed
 * into long words so hamming distance is {@code Long.bitCount} of XORs. Bit order inside a word does not change
 * a hamming distance, so the packing only has to be the same for documents and queries.
 */
final class BinaryIndex {

    private final long[] codes;
    private final int rows;
    private final int words;
    private final int dims;

    private BinaryIndex(long[] codes, int rows, int words, int dims) {
        this.codes = codes;
        this.rows = rows;
        this.words = words;
        this.dims = dims;
    }

    static BinaryIndex of(FloatIndex floats) {
        int dims = floats.dims();
        int words = (dims + 63) / 64;
        long[] codes = new long[floats.rows() * words];
        byte[] packed = new byte[SignBits.packedLength(dims)];
        for (int row = 0; row < floats.rows(); row++) {
            encode(floats.matrix(), row * dims, dims, packed, codes, row * words);
        }
        return new BinaryIndex(codes, floats.rows(), words, dims);
    }

    /** Bytes per document in Vespa: tensor&lt;int8&gt;(x[dims/8]). */
    int bytesPerDocument() {
        return SignBits.packedLength(dims);
    }

    long[] encodeQuery(float[] query) {
        long[] code = new long[words];
        encode(query, 0, dims, new byte[SignBits.packedLength(dims)], code, 0);
        return code;
    }

    /** Packs src[offset, offset + dims) into {@code packed} (every byte overwritten), then into long words. */
    private static void encode(float[] src, int offset, int dims, byte[] packed, long[] dst, int dstOffset) {
        SignBits.pack(src, offset, dims, packed, 0);
        for (int b = 0; b < packed.length; b++) {
            dst[dstOffset + b / 8] |= (packed[b] & 0xffL) << (8 * (b % 8));
        }
    }

    /** The k documents nearest in hamming distance; scores are negated distances (higher is better). */
    TopK search(long[] query, int k, SearchPool pool) {
        int slices = pool.threads();
        return pool.run(k, slice -> scan(query, k, SearchPool.sliceStart(slice, slices, rows),
                SearchPool.sliceStart(slice + 1, slices, rows)));
    }

    private TopK scan(long[] q, int k, int from, int to) {
        TopK top = new TopK(k);
        final long[] c = codes;
        final int w = words;
        for (int row = from; row < to; row++) {
            int base = row * w;
            int distance = 0;
            for (int i = 0; i < w; i++) distance += Long.bitCount(q[i] ^ c[base + i]);
            float score = -distance;
            if (score > top.threshold() || top.size() < k) top.offer(row, score);
        }
        return top;
    }
}
