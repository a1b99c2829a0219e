package dev.embedlab.staticembed;

/**
 * bfloat16 output, converted the way Vespa stores a float in a {@code tensor<bfloat16>}: the low 16
 * bits are dropped (truncation toward zero, no rounding), as
 * {@code com.yahoo.tensor.serialization.TypedBinaryFormat.bFloat16BitsFromFloat} does in Vespa 8.700.24.
 * So a vector encoded here is bit-identical to what the content node keeps from the float vector.
 */
public final class BFloat16 {

    private BFloat16() {
    }

    /** The bfloat16 bits of {@code value}, truncated as Vespa does. */
    public static short bits(float value) {
        return (short) (Float.floatToRawIntBits(value) >>> 16);
    }

    /** The float value of bfloat16 bits. */
    public static float toFloat(short bits) {
        return HalfFloat.bf16ToFloat(bits);
    }

    /** {@code value} as Vespa will hold it in a bfloat16 cell. */
    public static float truncate(float value) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) & 0xffff0000);
    }

    /** Encodes {@code src[srcOffset, srcOffset + count)} into {@code dst[dstOffset, dstOffset + count)}. */
    public static void encode(float[] src, int srcOffset, int count, short[] dst, int dstOffset) {
        for (int i = 0; i < count; i++) dst[dstOffset + i] = bits(src[srcOffset + i]);
    }

    /** Rounds {@code src[srcOffset, srcOffset + count)} in place to the values Vespa keeps. */
    public static void truncateInPlace(float[] values, int offset, int count) {
        for (int i = 0; i < count; i++) values[offset + i] = truncate(values[offset + i]);
    }
}
