package dev.embedlab.staticembed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfFloatTest {

    @Test
    void everyHalfSurvivesARoundTrip() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short half = (short) bits;
            float value = HalfFloat.f16ToFloat(half);
            if (Float.isNaN(value)) {
                assertTrue(Float.isNaN(HalfFloat.f16ToFloat(HalfFloat.floatToF16(value))), "NaN " + Integer.toHexString(bits));
                continue;
            }
            assertEquals(bits, HalfFloat.floatToF16(value) & 0xffff, "bits 0x" + Integer.toHexString(bits) + " = " + value);
        }
    }

    @Test
    void knownValues() {
        assertEquals(1.0f, HalfFloat.f16ToFloat((short) 0x3c00));
        assertEquals(-2.0f, HalfFloat.f16ToFloat((short) 0xc000));
        assertEquals(65504f, HalfFloat.f16ToFloat((short) 0x7bff));
        assertEquals(0x1p-24f, HalfFloat.f16ToFloat((short) 0x0001), "smallest subnormal");
        assertEquals(0x1p-14f, HalfFloat.f16ToFloat((short) 0x0400), "smallest normal");
        assertEquals(Float.POSITIVE_INFINITY, HalfFloat.f16ToFloat((short) 0x7c00));
        assertEquals(-0.0f, HalfFloat.f16ToFloat((short) 0x8000));
        assertEquals(1.5f, HalfFloat.bf16ToFloat((short) 0x3fc0));
    }

    @Test
    void roundsToNearestEven() {
        float oneUlp = 0x1p-10f; // half precision spacing at 1.0
        assertEquals(0x3c00, HalfFloat.floatToF16(1 + oneUlp / 2) & 0xffff, "tie goes to the even 1.0");
        assertEquals(0x3c02, HalfFloat.floatToF16(1 + 3 * oneUlp / 2) & 0xffff, "tie goes to the even 1+2ulp");
        assertEquals(0x3c01, HalfFloat.floatToF16(1 + oneUlp / 2 + 0x1p-20f) & 0xffff, "above the tie rounds up");
        assertEquals(0x7c00, HalfFloat.floatToF16(65520f) & 0xffff, "overflows to infinity");
        assertEquals(0x7bff, HalfFloat.floatToF16(65519f) & 0xffff, "largest finite");
        assertEquals(0x0000, HalfFloat.floatToF16(0x1p-26f) & 0xffff, "below half the smallest subnormal");
        assertEquals(0x0001, HalfFloat.floatToF16(0x1.8p-25f) & 0xffff, "above half the smallest subnormal");
        assertEquals(0x0400, HalfFloat.floatToF16(0x1.ffffp-15f) & 0xffff, "rounds up into the normals");
    }
}
