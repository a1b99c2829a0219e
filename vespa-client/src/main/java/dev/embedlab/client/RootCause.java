package dev.embedlab.client;

/** What actually refused, timed out or failed a handshake, for one-line error messages without stack traces. */
public final class RootCause {

    private RootCause() {
    }

    /** The innermost cause, as "Type: message" (just "Type" when it has no message). */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String type = root.getClass().getSimpleName();
        return root.getMessage() == null ? type : type + ": " + root.getMessage();
    }
}
