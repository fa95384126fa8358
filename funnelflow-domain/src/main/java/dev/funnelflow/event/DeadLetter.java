package dev.funnelflow.event;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A record the job could not use, with the reason: the {@code dead-letter} topic's payload (DESIGN.md §3).
 *
 * @param raw the original bytes as text (invalid UTF-8 replaced), cut at {@link #MAX_RAW_BYTES}
 * @param truncated whether {@code raw} was cut
 * @param error a {@link RejectReason#code()}
 * @param partition the source partition, -1 when unknown
 * @param offset the source offset (line number of a file), -1 when unknown
 */
public record DeadLetter(
        String raw,
        boolean truncated,
        String error,
        String detail,
        String sourceTopic,
        int partition,
        long offset,
        long receivedAt) {

    public static final int MAX_RAW_BYTES = 64 * 1024;

    public static DeadLetter of(
            byte[] raw, RejectReason reason, String detail, RecordOrigin origin, long receivedAt) {
        boolean truncated = raw.length > MAX_RAW_BYTES;
        String text = new String(raw, 0, Math.min(raw.length, MAX_RAW_BYTES), StandardCharsets.UTF_8);
        return new DeadLetter(
                text, truncated, reason.code(), detail, origin.topic(), origin.partition(), origin.offset(), receivedAt);
    }

    /**
     * The dead letter of a parsed event rejected later (duplicate, late): {@code raw} is only {@code {"event_id":…}},
     * since the original bytes are gone and the origin names the input record that holds them.
     */
    public static DeadLetter ofEventId(
            String eventId, RejectReason reason, String detail, RecordOrigin origin, long receivedAt) {
        String raw = "{\"event_id\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(eventId)) + "\"}";
        return of(raw.getBytes(StandardCharsets.UTF_8), reason, detail, origin, receivedAt);
    }
}
