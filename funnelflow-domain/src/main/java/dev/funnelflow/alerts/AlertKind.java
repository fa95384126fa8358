package dev.funnelflow.alerts;

import java.util.Locale;
import java.util.Optional;

/** What an alert is about ({@code alerts} topic, {@code kind}). */
public enum AlertKind {
    FRAUD,
    CHURN_RISK,
    CART_ABANDONMENT;

    /** The name on the wire, e.g. {@code churn_risk}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertKind> fromWireName(String name) {
        for (AlertKind kind : values()) {
            if (kind.wireName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
