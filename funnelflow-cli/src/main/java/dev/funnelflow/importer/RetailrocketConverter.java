package dev.funnelflow.importer;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;

/**
 * Retailrocket {@code events.csv}: {@code timestamp,visitorid,event,itemid,transactionid} with the timestamp in
 * epoch ms. {@code view}, {@code addtocart} and {@code transaction} become view, add_to_cart and purchase; a
 * purchase's {@code transactionid} becomes its {@code order_id}. The dataset has no sessions: the session id is
 * left out, and consumers derive sessions from a 30-minute inactivity gap.
 */
final class RetailrocketConverter implements RowConverter {

    @Override
    public String header() {
        return "timestamp,visitorid,event,itemid,transactionid";
    }

    @Override
    public ClickEvent convert(String row, String eventId) throws BadRowException {
        RowFields fields = RowFields.split(row, ',', 5);
        long timeMs = fields.nonNegativeLong(0, "timestamp");
        String userId = fields.text(1, "visitorid");
        EventType type = eventType(fields.text(2, "event"));
        String itemId = fields.text(3, "itemid");
        String orderId = type == EventType.PURCHASE ? fields.optionalText(4) : null;
        return RowConverter.event(eventId, timeMs, userId, null, type, itemId, null, null, 1, orderId);
    }

    private static EventType eventType(String event) throws BadRowException {
        return switch (event) {
            case "view" -> EventType.VIEW;
            case "addtocart" -> EventType.ADD_TO_CART;
            case "transaction" -> EventType.PURCHASE;
            default -> throw new BadRowException("unknown event '" + event + "'");
        };
    }
}
