package dev.funnelflow.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Instant;

/** Writes a {@link ClickEvent} back in the {@code clickstream} wire format. */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    public static byte[] encode(ClickEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("event_id", event.eventId());
        node.put("event_time", Instant.ofEpochMilli(event.eventTime()).toString());
        node.put("user_id", event.userId());
        putIfPresent(node, "session_id", event.sessionId());
        node.put("type", event.type().wireName());
        putIfPresent(node, "item_id", event.itemId());
        putIfPresent(node, "category_id", event.categoryId());
        if (event.price() != null) {
            node.put("price", event.price());
        }
        node.put("quantity", event.quantity());
        putIfPresent(node, "order_id", event.orderId());
        putIfPresent(node, "query", event.query());
        putIfPresent(node, "rec_id", event.recId());
        EventContext context = event.context();
        if (context != null) {
            ObjectNode c = node.putObject("context");
            putIfPresent(c, "device_id", context.deviceId());
            putIfPresent(c, "ip", context.ip());
            putIfPresent(c, "user_agent", context.userAgent());
            putIfPresent(c, "country", context.country());
            putIfPresent(c, "channel", context.channel());
        }
        Payment payment = event.payment();
        if (payment != null) {
            ObjectNode p = node.putObject("payment");
            putIfPresent(p, "method", payment.method());
            putIfPresent(p, "card_fingerprint", payment.cardFingerprint());
            if (payment.amount() != null) {
                p.put("amount", payment.amount());
            }
            putIfPresent(p, "currency", payment.currency());
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
