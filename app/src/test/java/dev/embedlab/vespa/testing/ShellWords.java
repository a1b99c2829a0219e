package dev.embedlab.vespa.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of words that bash's {@code printf %q} quoted back into the words: a backslash escapes the next
 * character, {@code '...'} is literal, and {@code $'...'} (what %q writes for control characters such as a newline)
 * takes C escapes. Nothing else of the shell's syntax is interpreted.
 */
public final class ShellWords {

    private ShellWords() { }

    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) words.add(word.toString());
                word = null;
                continue;
            }
            if (word == null) word = new StringBuilder();
            if (c == '\\') {
                if (++i == line.length()) throw new IllegalArgumentException("a trailing backslash in: " + line);
                word.append(line.charAt(i));
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("an unclosed ' in: " + line);
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                i = ansiC(line, i + 2, word);
            } else {
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        return words;
    }

    /** Appends the $'...' string starting at from to word; returns the index of its closing quote. */
    private static int ansiC(String line, int from, StringBuilder word) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') return i;
            if (c != '\\') {
                word.append(c);
                continue;
            }
            if (++i == line.length()) break;
            char e = line.charAt(i);
            switch (e) {
                case 'n' -> word.append('\n');
                case 't' -> word.append('\t');
                case 'r' -> word.append('\r');
                case 'a' -> word.append('\u0007');
                case 'b' -> word.append('\b');
                case 'e', 'E' -> word.append('\u001b');
                case 'f' -> word.append('\f');
                case 'v' -> word.append('\u000b');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int end = i;
                    while (end < line.length() && end < i + 3 && line.charAt(end) >= '0' && line.charAt(end) <= '7') end++;
                    word.append((char) Integer.parseInt(line.substring(i, end), 8));
                    i = end - 1;
                }
                default -> word.append(e);  // \\ \' \" and any other escaped character stand for themselves
            }
        }
        throw new IllegalArgumentException("an unclosed $' in: " + line);
    }
}
