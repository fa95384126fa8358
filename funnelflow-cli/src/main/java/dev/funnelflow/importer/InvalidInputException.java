package dev.funnelflow.importer;

import java.io.IOException;

/** The input as a whole does not look like the chosen format (for example, a wrong header line). */
public final class InvalidInputException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
