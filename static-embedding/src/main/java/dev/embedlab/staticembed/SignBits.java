package dev.embedlab.staticembed;

/**
 * Binarized int8 output: one bit per dimension, set when the value is positive, eight dimensions per
 * byte with the first in the most significant bit. This is {@code com.yahoo.tensor.Tensors.packBits}
 * as Vespa 8.700.24's embedders apply it for {@code tensor<int8>} destinations (its test for a value is
 * {@code !(value <= 0)}, so NaN counts as set), including a zero-padded last byte when the count is
 * not a multiple of eight.
 */
public final class SignBits {

    private SignBits() {
    }

    /** Bytes needed for {@code dimensions} bits. */
    public static int packedLength(int dimensions) {
        return (dimensions + 7) >>> 3;
    }

    /** Packs the signs of {@code src[srcOffset, srcOffset + count)} into {@code dst} from {@code dstOffset}. */
    public static void pack(float[] src, int srcOffset, int count, byte[] dst, int dstOffset) {
        int full = count >>> 3;
        for (int b = 0; b < full; b++) {
            int at = srcOffset + (b << 3);
            int packed = bit(src[at], 7) | bit(src[at + 1], 6) | bit(src[at + 2], 5) | bit(src[at + 3], 4)
                         | bit(src[at + 4], 3) | bit(src[at + 5], 2) | bit(src[at + 6], 1) | bit(src[at + 7], 0);
            dst[dstOffset + b] = (byte) packed;
        }
        int rest = count & 7;
        if (rest != 0) {
            int packed = 0;
            for (int j = 0; j < rest; j++) packed |= bit(src[srcOffset + (full << 3) + j], 7 - j);
            dst[dstOffset + full] = (byte) packed;
        }
    }

    /** A new array with the packed signs of {@code src[0, count)}. */
    public static byte[] pack(float[] src, int count) {
        byte[] packed = new byte[packedLength(count)];
        pack(src, 0, count, packed, 0);
        return packed;
    }

    private static int bit(float value, int position) {
        return value <= 0 ? 0 : 1 << position;
    }
}
