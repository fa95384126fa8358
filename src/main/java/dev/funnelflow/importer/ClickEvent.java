package dev.funnelflow.importer;

import dev.funnelflow.event.EventType;
import java.util.Objects;

/**
 * One clickstream event as DESIGN.md §3 defines it. Optional fields are {@code null} when the dataset
 * does not have them, and are then left out of the JSON.
 */
public record ClickEvent(
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

    public ClickEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(itemId, "itemId");
    }
}
