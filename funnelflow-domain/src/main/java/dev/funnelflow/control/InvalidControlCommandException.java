package dev.funnelflow.control;

/** A {@code control} record that is no valid command; the message says why, for the dead-letter topic. */
public final class InvalidControlCommandException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidControlCommandException(String message) {
        super(message);
    }
}
