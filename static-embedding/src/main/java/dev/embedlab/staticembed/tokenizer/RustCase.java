package dev.embedlab.staticembed.tokenizer;

/**
 * Rust's {@code char::to_lowercase}, which tokenizers applies character by character. It differs from
 * {@link Character#toLowerCase(int)} in two ways: it uses the full (SpecialCasing) mapping, so U+0130 'İ'
 * becomes "i̇" (U+0069 U+0307) rather than "i"; and Rust's Unicode tables are newer than Java 17's (Unicode 13),
 * so the case pairs added in Unicode 14 and 16 are added here. There is no context rule: 'Σ' is always 'σ'.
 */
final class RustCase {

    private RustCase() {
    }

    /**
     * Writes the lowercase of {@code cp} to {@code out} at {@code at} (room for 2 code points) and returns how
     * many code points it wrote.
     */
    static int toLowerCase(int cp, int[] out, int at) {
        if (cp < 0x80) {
            out[at] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
            return 1;
        }
        if (cp == 0x130) {
            out[at] = 'i';
            out[at + 1] = 0x307;
            return 2;
        }
        out[at] = lowerSingle(cp);
        return 1;
    }

    /** The lowercase of {@code cp} when it is a single code point (every code point except U+0130). */
    static int lowerSingle(int cp) {
        int lower = Character.toLowerCase(cp);
        if (lower != cp) return lower;
        switch (cp) {
            // Unicode 14.0
            case 0x2C2F: return 0x2C5F;
            case 0xA7C0: return 0xA7C1;
            case 0xA7D0: return 0xA7D1;
            case 0xA7D6: return 0xA7D7;
            case 0xA7D8: return 0xA7D9;
            // Unicode 16.0
            case 0x1C89: return 0x1C8A;
            case 0xA7CB: return 0x0264;
            case 0xA7CC: return 0xA7CD;
            case 0xA7DA: return 0xA7DB;
            case 0xA7DC: return 0x019B;
            default: break;
        }
        if (cp >= 0x10570 && cp <= 0x10595 && cp != 0x1057B && cp != 0x1058B && cp != 0x10593) return cp + 0x27; // Vithkuqi, 14.0
        if (cp >= 0x10D50 && cp <= 0x10D65) return cp + 0x20; // Garay, 16.0
        return cp;
    }
}
