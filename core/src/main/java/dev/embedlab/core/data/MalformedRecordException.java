package dev.embedlab.core.data;

/** A line that parses as text but is not a valid record of the expected format; the message says why. */
public final class MalformedRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }
}
