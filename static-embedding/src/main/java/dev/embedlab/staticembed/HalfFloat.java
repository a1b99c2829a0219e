package dev.embedlab.staticembed;

/** IEEE 754 binary16 and bfloat16 conversions (Java 17 has no {@code Float.float16ToFloat}). */
public final class HalfFloat {

    private HalfFloat() {
    }

    /** The float value of IEEE binary16 bits; exact for every input. */
    public static float f16ToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) // infinity or NaN (payload kept)
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
            float value = mantissa * 0x1p-24f;
            return sign != 0 ? -value : value;
        }
        return Float.intBitsToFloat(sign | ((exponent + (127 - 15)) << 23) | (mantissa << 13));
    }

    /** IEEE binary16 bits of {@code value}, rounded to nearest, ties to even (as numpy's astype(float16)). */
    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x7f800000) // infinity or NaN; keep NaN a NaN
            return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 | ((abs >>> 13) & 0x3ff) : 0));
        if (abs >= 0x477ff000) // >= 65520 rounds to infinity
            return (short) (sign | 0x7c00);
        if (abs < 0x38800000) { // below the smallest normal half (2^-14): subnormal or zero
            int subnormal = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f); // exact scaling, then RNE
            return (short) (sign | subnormal);
        }
        int half = ((((abs >>> 23) - 127 + 15)) << 10) | ((abs & 0x7fffff) >>> 13);
        int rest = abs & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) half++; // a carry into the exponent is right
        return (short) (sign | half);
    }

    /** The float value of bfloat16 bits (the upper half of a float); exact. */
    public static float bf16ToFloat(short bfloat) {
        return Float.intBitsToFloat((bfloat & 0xffff) << 16);
    }
}
