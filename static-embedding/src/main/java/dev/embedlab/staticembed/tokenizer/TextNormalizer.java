package dev.embedlab.staticembed.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tokenizer.json normalizer (one step or a {@code Sequence} of steps) with Hugging Face tokenizers semantics.
 *
 * <p>Supported steps: {@code BertNormalizer} (clean_text, handle_chinese_chars, strip_accents with null meaning
 * "same as lowercase", lowercase; applied in that order as tokenizers' bert.rs does), {@code Lowercase},
 * {@code StripAccents} (drops every combining mark, Mn Mc Me, without NFD, as tokenizers does), {@code NFD},
 * {@code NFKD}, {@code NFC}, {@code NFKC}, {@code Replace} of a literal string (every non-overlapping
 * occurrence, left to right) or of the regex {@code \s+} (runs of White_Space), and {@code Strip} (White_Space
 * at either end). Character classes are those of {@link UnicodeClasses}, lowercasing is {@link RustCase}.
 *
 * <p>Three paths give the same result: an ASCII table (when every step maps each ASCII character to at most one
 * character on its own), a per-code-point pass with memoized results for a leading BertNormalizer, and a
 * general pass over code point arrays for everything else and as the fallback.
 */
final class TextNormalizer {

    enum Kind { BERT, LOWERCASE, STRIP_ACCENTS, NFD, NFKD, NFC, NFKC, REPLACE, REPLACE_WHITESPACE_RUNS, STRIP }

    /**
     * One normalizer. The four booleans are BertNormalizer's (for {@link Kind#STRIP}: cleanText = strip left,
     * chineseChars = strip right); pattern and content are Replace's.
     */
    record Step(Kind kind, boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase,
                String pattern, String content) {
        static Step of(Kind kind) {
            return new Step(kind, false, false, false, false, null, null);
        }

        static Step bert(boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase) {
            return new Step(Kind.BERT, cleanText, chineseChars, stripAccents, lowercase, null, null);
        }

        static Step replace(String pattern, String content) {
            return new Step(Kind.REPLACE, false, false, false, false, pattern, content);
        }

        static Step replaceWhitespaceRuns(String content) {
            return new Step(Kind.REPLACE_WHITESPACE_RUNS, false, false, false, false, "\\s+", content);
        }

        static Step strip(boolean left, boolean right) {
            return new Step(Kind.STRIP, left, right, false, false, null, null);
        }

        /** Whether the step maps each character independently of its neighbours. */
        boolean perCharacter() {
            return kind != Kind.REPLACE && kind != Kind.REPLACE_WHITESPACE_RUNS && kind != Kind.STRIP;
        }
    }

    static final TextNormalizer NONE = new TextNormalizer(List.of());

    private final List<Step> steps;
    /** The first step when it is a BertNormalizer (it then runs per code point, memoized); else null. */
    private final Step bert;
    /** The steps compiled for the general path, over code point arrays (see {@link #compile}). */
    private final List<Op> ops;
    /** The index in {@link #ops} of the first op after the leading BertNormalizer. */
    private final int opsAfterBert;
    /** For each ASCII char: what it normalizes to (-1: removed); null when some ASCII char maps to 2+ chars. */
    private final int[] asciiMap;

    /** One compiled step of the general path. */
    private interface Op {
        int[] apply(int[] cps);
    }

    /**
     * For the leading BertNormalizer, memoized per char below {@link #FAST_LIMIT}, filled on first use: {@code c + 1}
     * when the char normalizes to one non-combining char c regardless of context, {@link #FAST_NOTHING} when it
     * vanishes, {@link #FAST_SLOW} when it must take the per-character path, 0 when not computed yet. Races are
     * benign: an int is written whole and every thread computes the same value.
     */
    private final int[] fast;
    private static final int FAST_LIMIT = 0x3000;
    private static final int FAST_NOTHING = -1;
    private static final int FAST_SLOW = -2;

    TextNormalizer(List<Step> steps) {
        this.steps = List.copyOf(steps);
        this.bert = !steps.isEmpty() && steps.get(0).kind() == Kind.BERT ? steps.get(0) : null;
        this.ops = new ArrayList<>();
        compile(this.steps.subList(bert == null ? 0 : 1, this.steps.size()), ops);
        if (bert != null) ops.add(0, cps -> apply(bert, cps));
        this.opsAfterBert = bert == null ? 0 : 1;
        this.asciiMap = buildAsciiMap();
        this.fast = bert == null ? null : new int[FAST_LIMIT];
    }

    private int computeFast(char c) {
        Scratch s = new Scratch();
        bertFused(String.valueOf(c), 0, 1, s, false);
        if (s.normLength == 0 && !s.keptMarkInRun) return FAST_NOTHING;
        if (s.normLength == 1 && !s.keptMarkInRun && !Character.isSurrogate(s.norm[0])
                && (UnicodeClasses.classesOf(s.norm[0]) & UnicodeClasses.COMBINING) == 0) {
            return s.norm[0] + 1;
        }
        return FAST_SLOW;
    }

    List<Step> steps() {
        return steps;
    }

    /** The ASCII table, or null if ASCII text must take the general path. */
    int[] asciiMap() {
        return asciiMap;
    }

    private int[] buildAsciiMap() {
        for (Step step : steps) if (!step.perCharacter()) return null;
        int[] map = new int[128];
        for (int c = 0; c < 128; c++) {
            int[] out = applySteps(new int[] {c});
            if (out.length > 1 || (out.length == 1 && out[0] >= 128)) return null;
            map[c] = out.length == 0 ? -1 : out[0];
        }
        return map;
    }

    /** Appends the normalization of {@code text[from, to)} to {@code s.norm}. */
    void normalize(CharSequence text, int from, int to, Scratch s) {
        int mark = s.normLength;
        if (bert != null) {
            s.keptMarkInRun = false;
            s.needsWholeTextNfd = false;
            bertFused(text, from, to, s, true);
            if (!s.needsWholeTextNfd) {
                if (opsAfterBert == ops.size()) return;
                int[] cps = codePoints(java.nio.CharBuffer.wrap(s.norm, mark, s.normLength - mark), 0,
                        s.normLength - mark);
                s.normLength = mark;
                for (int cp : applyOps(cps, opsAfterBert)) s.appendCodePoint(cp);
                return;
            }
            s.normLength = mark;
        }
        for (int cp : applySteps(codePoints(text, from, to))) s.appendCodePoint(cp);
    }

    // ---------------------------------------------------------------- fused BertNormalizer, per code point

    private void bertFused(CharSequence text, int from, int to, Scratch s, boolean memo) {
        boolean clean = bert.cleanText(), chinese = bert.chineseChars();
        int[] fast = this.fast;
        int i = from;
        while (i < to) {
            char c = text.charAt(i++);
            if (memo && c < FAST_LIMIT) {
                int f = fast[c];
                if (f == 0) fast[c] = f = computeFast(c);
                if (f == FAST_NOTHING) continue;
                if (f > 0) {
                    s.append((char) (f - 1));
                    s.keptMarkInRun = false;
                    continue;
                }
            }
            int cp = c;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(text.charAt(i))) {
                    cp = Character.toCodePoint(c, text.charAt(i++));
                } else {
                    cp = 0xFFFD; // a lone surrogate reaches the Rust library as U+FFFD
                }
            }
            if (clean) {
                if (cp == 0 || cp == 0xFFFD) continue;
                int classes = UnicodeClasses.classesOf(cp);
                if ((classes & UnicodeClasses.OTHER) != 0 && cp != '\t' && cp != '\n' && cp != '\r') continue;
                if ((classes & UnicodeClasses.WHITESPACE) != 0) cp = ' ';
            }
            if (chinese && cp >= 0x3400 && UnicodeClasses.isChineseChar(cp)) {
                stripAndLower(' ', s);
                stripAndLower(cp, s);
                stripAndLower(' ', s);
            } else {
                stripAndLower(cp, s);
            }
        }
    }

    private void stripAndLower(int cp, Scratch s) {
        if (!bert.stripAccents() || cp < 0xC0) {
            if (cp < 0x300 || (UnicodeClasses.classesOf(cp) & UnicodeClasses.COMBINING) == 0) s.keptMarkInRun = false;
            else noteKeptMark(s);
            lower(cp, s);
            return;
        }
        int[] decomposition = CanonicalDecomposition.of(cp);
        if (decomposition.length == 0) {
            keepOrDrop(cp, s);
        } else {
            for (int d : decomposition) keepOrDrop(d, s);
        }
    }

    private void keepOrDrop(int cp, Scratch s) {
        int classes = UnicodeClasses.classesOf(cp);
        if ((classes & UnicodeClasses.COMBINING) != 0) {
            if ((classes & UnicodeClasses.MARK_NONSPACING) != 0) return; // stripped accent
            noteKeptMark(s);
        } else {
            s.keptMarkInRun = false;
        }
        lower(cp, s);
    }

    /**
     * NFD reorders runs of combining marks by combining class. Stripping drops the Mn ones, so only a run that
     * keeps two or more marks can come out in a different order; then the whole text goes through NFD.
     */
    private static void noteKeptMark(Scratch s) {
        if (s.keptMarkInRun) s.needsWholeTextNfd = true;
        s.keptMarkInRun = true;
    }

    private void lower(int cp, Scratch s) {
        if (!bert.lowercase()) {
            s.appendCodePoint(cp);
            return;
        }
        int n = RustCase.toLowerCase(cp, s.lower, 0);
        s.appendCodePoint(s.lower[0]);
        if (n == 2) s.appendCodePoint(s.lower[1]);
    }

    // ---------------------------------------------------------------- general path, over code point arrays

    static int[] codePoints(CharSequence text, int from, int to) {
        int[] out = new int[to - from];
        int n = 0;
        int i = from;
        while (i < to) {
            char c = text.charAt(i++);
            int cp = c;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(text.charAt(i))) {
                    cp = Character.toCodePoint(c, text.charAt(i++));
                } else {
                    cp = 0xFFFD;
                }
            }
            out[n++] = cp;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private int[] applySteps(int[] cps) {
        return applyOps(cps, 0);
    }

    private int[] applyOps(int[] cps, int first) {
        for (int i = first; i < ops.size(); i++) cps = ops.get(i).apply(cps);
        return cps;
    }

    /**
     * Compiles steps into ops. A run of Replace steps whose patterns are single characters becomes one
     * simultaneous per-character map when that is the same as applying them in turn, i.e. when no replacement
     * contains a later step's pattern (true of the punctuation padding Model2Vec writes).
     */
    private static void compile(List<Step> steps, List<Op> ops) {
        int i = 0;
        while (i < steps.size()) {
            int end = i;
            while (end < steps.size() && isSingleCharReplace(steps.get(end))) end++;
            if (end - i >= 2 && mergeable(steps.subList(i, end))) {
                Map<Integer, int[]> map = new HashMap<>();
                for (Step step : steps.subList(i, end)) {
                    map.putIfAbsent(step.pattern().codePointAt(0), step.content().codePoints().toArray());
                }
                ops.add(cps -> replaceChars(cps, map));
                i = end;
                continue;
            }
            Step step = steps.get(i++);
            if (step.kind() == Kind.REPLACE) {
                int[] pattern = step.pattern().codePoints().toArray();
                int[] content = step.content().codePoints().toArray();
                ops.add(cps -> replace(cps, pattern, content));
            } else if (step.kind() == Kind.REPLACE_WHITESPACE_RUNS) {
                int[] content = step.content().codePoints().toArray();
                ops.add(cps -> replaceWhitespaceRuns(cps, content));
            } else {
                ops.add(cps -> apply(step, cps));
            }
        }
    }

    private static boolean isSingleCharReplace(Step step) {
        return step.kind() == Kind.REPLACE && step.pattern().codePointCount(0, step.pattern().length()) == 1;
    }

    private static boolean mergeable(List<Step> run) {
        for (int i = 0; i < run.size(); i++) {
            for (int j = i + 1; j < run.size(); j++) {
                if (run.get(i).content().contains(run.get(j).pattern())) return false;
            }
        }
        return true;
    }

    private static int[] replaceChars(int[] cps, Map<Integer, int[]> map) {
        TokenIds out = null;
        for (int i = 0; i < cps.length; i++) {
            int[] replacement = map.get(cps[i]);
            if (replacement != null && out == null) {
                out = new TokenIds(cps.length + 8);
                for (int k = 0; k < i; k++) out.add(cps[k]);
            }
            if (out != null) {
                if (replacement != null) out.addAll(replacement);
                else out.add(cps[i]);
            }
        }
        return out == null ? cps : out.toArray();
    }

    /** One step other than Replace (which {@link #compile} turns into its own ops). */
    private static int[] apply(Step step, int[] cps) {
        switch (step.kind()) {
            case BERT: {
                if (step.cleanText()) cps = cleanText(cps);
                if (step.chineseChars()) cps = padChineseChars(cps);
                if (step.stripAccents()) cps = dropNonspacingMarks(unicode(cps, Normalizer.Form.NFD));
                if (step.lowercase()) cps = lowercase(cps);
                return cps;
            }
            case LOWERCASE: return lowercase(cps);
            case STRIP_ACCENTS: return dropCombiningMarks(cps);
            case NFD: return unicode(cps, Normalizer.Form.NFD);
            case NFKD: return unicode(cps, Normalizer.Form.NFKD);
            case NFC: return unicode(cps, Normalizer.Form.NFC);
            case NFKC: return unicode(cps, Normalizer.Form.NFKC);
            case STRIP: return strip(cps, step.cleanText(), step.chineseChars());
            default: throw new IllegalStateException(Objects.toString(step.kind()));
        }
    }

    private static int[] cleanText(int[] cps) {
        int[] out = new int[cps.length];
        int n = 0;
        for (int cp : cps) {
            if (cp == 0 || cp == 0xFFFD) continue;
            if (UnicodeClasses.isOther(cp) && cp != '\t' && cp != '\n' && cp != '\r') continue;
            out[n++] = UnicodeClasses.isWhitespace(cp) ? ' ' : cp;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] padChineseChars(int[] cps) {
        int[] out = new int[cps.length * 3];
        int n = 0;
        for (int cp : cps) {
            if (UnicodeClasses.isChineseChar(cp)) {
                out[n++] = ' ';
                out[n++] = cp;
                out[n++] = ' ';
            } else {
                out[n++] = cp;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** BertNormalizer's strip_accents filter (after NFD): Mn of Unicode 8.0. */
    private static int[] dropNonspacingMarks(int[] cps) {
        int[] out = new int[cps.length];
        int n = 0;
        for (int cp : cps) if (!UnicodeClasses.isMarkNonspacing(cp)) out[n++] = cp;
        return java.util.Arrays.copyOf(out, n);
    }

    /** The StripAccents normalizer: every mark (Mn, Mc, Me) of Unicode 9.0. */
    private static int[] dropCombiningMarks(int[] cps) {
        int[] out = new int[cps.length];
        int n = 0;
        for (int cp : cps) if (!UnicodeClasses.isCombiningMark(cp)) out[n++] = cp;
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] lowercase(int[] cps) {
        int[] out = new int[cps.length * 2];
        int n = 0;
        for (int cp : cps) n += RustCase.toLowerCase(cp, out, n);
        return java.util.Arrays.copyOf(out, n);
    }

    private static int[] replace(int[] cps, int[] pattern, int[] content) {
        if (pattern.length == 0) return cps;
        TokenIds out = new TokenIds(cps.length);
        int i = 0;
        while (i < cps.length) {
            if (i + pattern.length <= cps.length && java.util.Arrays.equals(cps, i, i + pattern.length, pattern, 0, pattern.length)) {
                out.addAll(content);
                i += pattern.length;
            } else {
                out.add(cps[i++]);
            }
        }
        return out.toArray();
    }

    private static int[] replaceWhitespaceRuns(int[] cps, int[] content) {
        TokenIds out = new TokenIds(cps.length);
        int i = 0;
        while (i < cps.length) {
            if (UnicodeClasses.isWhitespace(cps[i])) {
                while (i < cps.length && UnicodeClasses.isWhitespace(cps[i])) i++;
                out.addAll(content);
            } else {
                out.add(cps[i++]);
            }
        }
        return out.toArray();
    }

    private static int[] strip(int[] cps, boolean left, boolean right) {
        int from = 0, to = cps.length;
        if (left) while (from < to && UnicodeClasses.isWhitespace(cps[from])) from++;
        if (right) while (to > from && UnicodeClasses.isWhitespace(cps[to - 1])) to--;
        return java.util.Arrays.copyOfRange(cps, from, to);
    }

    private static int[] unicode(int[] cps, Normalizer.Form form) {
        String s = new String(cps, 0, cps.length);
        return Normalizer.normalize(s, form).codePoints().toArray();
    }
}
