package dev.funnelflow.generator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka-ready clickstream record. Treat {@code value} as read-only: the generator may hand the same
 * bytes out again as a duplicate.
 *
 * @param key            the user id (UTF-8 key bytes on Kafka), or null when the record carries no user
 * @param value          the record value: normally one UTF-8 JSON object
 * @param injectedDefect null for a good record, otherwise the {@link DefectKind#code()} of the defect the
 *                       generator injected on purpose; never part of {@code value}
 */
public record GeneratedRecord(String key, byte[] value, String injectedDefect) {

    public GeneratedRecord {
        Objects.requireNonNull(value, "value");
    }

    /** A record the generator produced as intended (not malformed and not a duplicate). */
    public boolean isGood() {
        return injectedDefect == null;
    }

    /** The value decoded as UTF-8 (invalid bytes become U+FFFD); for logs and tests. */
    public String valueAsString() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GeneratedRecord that
                && Objects.equals(key, that.key)
                && Arrays.equals(value, that.value)
                && Objects.equals(injectedDefect, that.injectedDefect);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(key, injectedDefect) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        String text = valueAsString();
        return "GeneratedRecord[key=" + key + ", injectedDefect=" + injectedDefect + ", value="
                + (text.length() <= 200 ? text : text.substring(0, 200) + "...(" + value.length + " bytes)") + "]";
    }
}
