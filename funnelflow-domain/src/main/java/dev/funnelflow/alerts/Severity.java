package dev.funnelflow.alerts;

import java.util.Locale;
import java.util.Optional;

/** How urgent an alert is ({@code alerts} topic, {@code severity}); declared in rising order. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH;

    /** The name on the wire, e.g. {@code medium}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isAbove(Severity other) {
        return compareTo(other) > 0;
    }

    public static Optional<Severity> fromWireName(String name) {
        for (Severity severity : values()) {
            if (severity.wireName().equals(name)) {
                return Optional.of(severity);
            }
        }
        return Optional.empty();
    }
}
