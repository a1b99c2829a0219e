package dev.embedlab.staticembed.tokenizer;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds added tokens (tokenizer.json {@code added_tokens} with {@code normalized: false}) in raw text the way
 * tokenizers' AddedVocabulary does before normalizing: leftmost match first, and of the matches starting there
 * the longest. Matching is exact and case-sensitive; special tokens are matched too, since tokenizers splits
 * them out unless {@code encode_special_tokens} is set, which tokenizer.json does not carry.
 */
final class AddedTokenMatcher {

    record AddedToken(String content, int id) {
    }

    static final AddedTokenMatcher NONE = new AddedTokenMatcher(List.of());

    private final String[] contents;    // longest first
    private final int[] ids;
    private final boolean[] asciiFirst; // first chars of contents, ASCII
    private final boolean nonAsciiFirst;

    AddedTokenMatcher(List<AddedToken> tokens) {
        AddedToken[] sorted = tokens.stream()
                .filter(t -> !t.content().isEmpty())
                .sorted(Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed())
                .toArray(AddedToken[]::new);
        contents = Arrays.stream(sorted).map(AddedToken::content).toArray(String[]::new);
        ids = Arrays.stream(sorted).mapToInt(AddedToken::id).toArray();
        asciiFirst = new boolean[128];
        boolean nonAscii = false;
        for (String c : contents) {
            char first = c.charAt(0);
            if (first < 128) asciiFirst[first] = true;
            else nonAscii = true;
        }
        nonAsciiFirst = nonAscii;
    }

    boolean isEmpty() {
        return contents.length == 0;
    }

    /**
     * The start of the leftmost-longest match in {@code text[from, to)}, or -1; on a match sets
     * {@code s.matchEnd} and {@code s.matchId}.
     */
    int find(CharSequence text, int from, int to, Scratch s) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 128 ? !asciiFirst[c] : !nonAsciiFirst) continue;
            if (matchAt(text, i, to, s)) return i;
        }
        return -1;
    }

    /** Whether an added token starts at {@code at} (the longest one wins); on a match sets s.matchEnd/matchId. */
    boolean matchAt(CharSequence text, int at, int to, Scratch s) {
        for (int t = 0; t < contents.length; t++) {
            String content = contents[t];
            if (matchesAt(text, at, to, content)) {
                s.matchEnd = at + content.length();
                s.matchId = ids[t];
                return true;
            }
        }
        return false;
    }

    /** For each ASCII char, whether an added token starts with it. */
    boolean[] asciiFirstChars() {
        return asciiFirst.clone();
    }

    private static boolean matchesAt(CharSequence text, int at, int to, String content) {
        int n = content.length();
        if (at + n > to) return false;
        for (int k = 0; k < n; k++) {
            if (text.charAt(at + k) != content.charAt(k)) return false;
        }
        return true;
    }
}
