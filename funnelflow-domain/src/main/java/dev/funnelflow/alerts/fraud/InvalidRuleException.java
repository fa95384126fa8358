package dev.funnelflow.alerts.fraud;

/** A rule or control command that cannot be used; the message says which field is wrong and why. */
public final class InvalidRuleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidRuleException(String message) {
        super(message);
    }
}
