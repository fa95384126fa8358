package dev.funnelflow.importer;

/** A data row that cannot be converted; the importer counts and skips it. */
public final class BadRowException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRowException(String reason) {
        super(reason, null, false, false);
    }
}
