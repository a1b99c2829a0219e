package dev.embedlab.staticembed.tokenizer;

import java.text.Normalizer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The full canonical decomposition (NFD) of single code points, memoized for the BMP so the non-ASCII path
 * calls {@link Normalizer} once per distinct character rather than once per text. Thread-safe: the memo is an
 * {@link AtomicReferenceArray} whose entries are written once with fully built arrays.
 *
 * <p>Decomposing character by character equals NFD of the text except for canonical reordering of combining
 * marks; callers detect when reordering could matter and then normalize the whole text with {@link Normalizer}.
 */
final class CanonicalDecomposition {

    private CanonicalDecomposition() {
    }

    /** Marks a code point that decomposes to itself. */
    private static final int[] IDENTITY = new int[0];

    private static final AtomicReferenceArray<int[]> BMP = new AtomicReferenceArray<>(0x10000);

    /** The decomposition of {@code cp}, or an empty array when it decomposes to itself. */
    static int[] of(int cp) {
        if (cp < 0xC0) return IDENTITY; // nothing below U+00C0 has a canonical decomposition
        if (cp < 0x10000) {
            int[] d = BMP.get(cp);
            if (d == null) {
                d = compute(cp);
                BMP.set(cp, d);
            }
            return d;
        }
        // Emoji and the other symbols of U+1F000..U+1FFFF have no canonical decomposition; skip the Normalizer.
        if (cp >= 0x1F000 && cp <= 0x1FFFF) return IDENTITY;
        return compute(cp);
    }

    private static int[] compute(int cp) {
        String s = new String(Character.toChars(cp));
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        if (d.equals(s)) return IDENTITY;
        return d.codePoints().toArray();
    }
}
