package dev.funnelflow.importer;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;

/** Converts one data row of a public dataset into a clickstream event. Implementations are stateless. */
public interface RowConverter {

    /** The header line the dataset's files start with, or {@code null} when they have none. */
    String header();

    /**
     * Converts one non-blank data row.
     *
     * @param eventId the event id to give the event (deterministic, chosen by the importer)
     * @throws BadRowException with a short reason when the row is malformed
     */
    ClickEvent convert(String row, String eventId) throws BadRowException;

    /**
     * The event of one dataset row: the datasets have no search query, recommendation, context or payment.
     *
     * @param eventTimeMs epoch milliseconds
     * @param sessionId null when the dataset has none, as are {@code categoryId}, {@code price} and {@code orderId}
     * @param quantity 1 when the dataset gives none, as the contract reads an absent quantity
     */
    static ClickEvent event(String eventId, long eventTimeMs, String userId, String sessionId, EventType type,
            String itemId, String categoryId, Double price, int quantity, String orderId) {
        return new ClickEvent(eventId, eventTimeMs, userId, sessionId, type, itemId, categoryId, price, quantity,
                orderId, null, null, null, null, null);
    }
}
