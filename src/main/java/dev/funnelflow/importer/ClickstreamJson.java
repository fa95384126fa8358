package dev.funnelflow.importer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes a {@link ClickEvent} as one line of {@code clickstream} JSON (DESIGN.md §3); absent fields are omitted. */
final class ClickstreamJson {
    // Always three fraction digits, unlike ISO_INSTANT, so every line has the same shape.
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonFactory factory = new JsonFactory();

    static String formatEventTime(long epochMs) {
        return EVENT_TIME.format(Instant.ofEpochMilli(epochMs));
    }

    String toJson(ClickEvent event) {
        StringWriter out = new StringWriter(192);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("event_id", event.eventId());
            json.writeStringField("event_time", formatEventTime(event.eventTimeMs()));
            json.writeStringField("user_id", event.userId());
            if (event.sessionId() != null) {
                json.writeStringField("session_id", event.sessionId());
            }
            json.writeStringField("type", event.type().wireName());
            json.writeStringField("item_id", event.itemId());
            if (event.categoryId() != null) {
                json.writeStringField("category_id", event.categoryId());
            }
            if (event.price() != null) {
                json.writeNumberField("price", event.price());
            }
            if (event.quantity() != null) {
                json.writeNumberField("quantity", event.quantity());
            }
            if (event.orderId() != null) {
                json.writeStringField("order_id", event.orderId());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }
}
