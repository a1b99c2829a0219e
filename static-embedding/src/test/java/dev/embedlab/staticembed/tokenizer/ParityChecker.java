package dev.embedlab.staticembed.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** Compares our ids with the oracle's for many texts, and fails listing the first mismatches in full. */
final class ParityChecker {

    private final String name;
    private final Tokenizer ours;
    private final HuggingFaceOracle oracle;
    private final List<String> mismatches = new ArrayList<>();
    private final TokenIds buffer = new TokenIds();
    private int compared;
    private long tokens;

    ParityChecker(String name, Tokenizer ours, HuggingFaceOracle oracle) {
        this.name = name;
        this.ours = ours;
        this.oracle = oracle;
    }

    void check(String text) {
        int[] expected = oracle.encode(text);
        buffer.clear();
        ours.encode(text, buffer);
        int[] actual = buffer.toArray();
        compared++;
        tokens += expected.length;
        if (!Arrays.equals(expected, actual) && mismatches.size() < 20) {
            mismatches.add("text " + visible(text) + "\n  huggingface " + Arrays.toString(expected)
                    + " " + oracle.tokens(text) + "\n  ours        " + Arrays.toString(actual) + " " + tokens(actual));
        }
    }

    void checkAll(Iterable<String> texts) {
        for (String text : texts) check(text);
    }

    int compared() {
        return compared;
    }

    /** Prints the count line and fails if anything differed. */
    void assertNoMismatch() {
        System.out.println("[tokenizer parity] " + name + ": " + compared + " texts compared, " + tokens
                + " tokens, " + mismatches.size() + (mismatches.size() == 20 ? "+" : "") + " mismatches");
        if (!mismatches.isEmpty()) {
            fail(name + ": " + mismatches.size() + (mismatches.size() == 20 ? "+" : "") + " of " + compared
                    + " texts differ from Hugging Face tokenizers:\n" + String.join("\n", mismatches));
        }
    }

    private List<String> tokens(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            try {
                out.add(ours.token(id));
            } catch (IllegalArgumentException e) {
                out.add("?" + id);
            }
        }
        return out;
    }

    /** The text with invisible and non-ASCII characters escaped, shortened if long. */
    static String visible(String text) {
        StringBuilder b = new StringBuilder("\"");
        int shown = 0;
        for (int i = 0; i < text.length() && shown < 300; i++, shown++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) b.append(c);
            else b.append(String.format("\\u%04x", (int) c));
        }
        b.append('"');
        if (text.length() > 300) b.append("... (").append(text.length()).append(" chars)");
        return b.toString();
    }
}
