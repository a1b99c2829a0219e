package dev.embedlab.client;

/** The innermost cause of a failure, for one-line error messages: what actually refused, timed out or failed. */
public final class RootCause {

    private RootCause() {
    }

    /**
     * The innermost cause that has a message, as "Type: message"; when none has one, the innermost cause's type
     * (the JDK HTTP client wraps a refused connection in causes without messages).
     */
    public static String of(Throwable e) {
        Throwable root = e;
        Throwable withMessage = e.getMessage() != null ? e : null;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.add(e);
        while (root.getCause() != null && seen.add(root.getCause())) {
            root = root.getCause();
            if (root.getMessage() != null) withMessage = root;
        }
        Throwable shown = withMessage != null ? withMessage : root;
        String type = shown.getClass().getSimpleName();
        return shown.getMessage() == null ? type : type + ": " + shown.getMessage();
    }
}
