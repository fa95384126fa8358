package dev.funnelflow.importer;

import dev.funnelflow.event.EventType;
import java.util.Objects;

/**
 * One dataset row converted to a clickstream event (DESIGN.md §3), as {@link ClickstreamJson} writes it.
 * Optional fields are {@code null} when the dataset does not have them, and are then left out of the JSON.
 *
 * <p>Not {@link dev.funnelflow.event.ClickEvent}, the job's parsed event: its {@code quantity} cannot be absent
 * (it is 1 once parsed, so every imported line would gain {@code "quantity":1}). Nor written with
 * {@link dev.funnelflow.event.EventJson}: it builds a JSON tree per event and drops the {@code .000} of whole
 * seconds, so lines would no longer have one shape; on 10^6 Taobao rows, converting and writing through the two
 * took 1.5 times as long.
 *
 * @param eventTimeMs epoch milliseconds
 * @param quantity {@code null} when the dataset gives none
 */
public record ImportedEvent(
        String eventId,
        long eventTimeMs,
        String userId,
        String sessionId,
        EventType type,
        String itemId,
        String categoryId,
        Double price,
        Integer quantity,
        String orderId) {

    public ImportedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(itemId, "itemId");
    }
}
