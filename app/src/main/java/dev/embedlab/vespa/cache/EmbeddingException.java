package dev.embedlab.vespa.cache;

/** An embedding could not be produced: the embedder failed or the time ran out. Nothing was cached. */
public class EmbeddingException extends RuntimeException {

    public enum Kind { FAILED, TIMED_OUT, INVALID_INPUT, OVERLOADED }

    private final Kind kind;

    public EmbeddingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
