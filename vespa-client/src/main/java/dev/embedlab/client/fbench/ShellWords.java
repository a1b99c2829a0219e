package dev.embedlab.client.fbench;

import java.util.List;

/** A command as one line a POSIX shell reads back as the same words (for printed plans that can be run by hand). */
public final class ShellWords {

    private ShellWords() {
    }

    public static String join(List<String> command) {
        StringBuilder s = new StringBuilder();
        for (String part : command) {
            if (s.length() > 0) s.append(' ');
            s.append(part.matches("[A-Za-z0-9_./:=,@%+-]+") ? part : "'" + part.replace("'", "'\\''") + "'");
        }
        return s.toString();
    }
}
