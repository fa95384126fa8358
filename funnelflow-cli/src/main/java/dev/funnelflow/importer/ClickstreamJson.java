package dev.funnelflow.importer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link ImportedEvent} as one line of {@code clickstream} JSON (DESIGN.md §3); absent fields are
 * omitted. Built by hand with Jackson's string escaping: a generator per event cost more than the conversion itself,
 * and imports run to 10^8 rows.
 */
final class ClickstreamJson {
    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    /** {@code 2016-05-09T00:08:46.309Z}: always milliseconds, unlike ISO_INSTANT, so every line has one shape. */
    static String formatEventTime(long epochMs) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMs, Importer.DAY_MS));
        if (day.getYear() < 0 || day.getYear() > 9999) {
            return Instant.ofEpochMilli(epochMs).toString();
        }
        long msOfDay = Math.floorMod(epochMs, Importer.DAY_MS);
        StringBuilder time = new StringBuilder(24);
        pad(time, day.getYear(), 4).append('-');
        pad(time, day.getMonthValue(), 2).append('-');
        pad(time, day.getDayOfMonth(), 2).append('T');
        pad(time, msOfDay / 3_600_000, 2).append(':');
        pad(time, msOfDay / 60_000 % 60, 2).append(':');
        pad(time, msOfDay / 1000 % 60, 2).append('.');
        return pad(time, msOfDay % 1000, 3).append('Z').toString();
    }

    String toJson(ImportedEvent event) {
        StringBuilder json = new StringBuilder(192);
        json.append('{');
        stringField(json, "event_id", event.eventId());
        json.append(',');
        stringField(json, "event_time", formatEventTime(event.eventTimeMs()));
        json.append(',');
        stringField(json, "user_id", event.userId());
        if (event.sessionId() != null) {
            json.append(',');
            stringField(json, "session_id", event.sessionId());
        }
        json.append(',');
        stringField(json, "type", event.type().wireName());
        json.append(',');
        stringField(json, "item_id", event.itemId());
        if (event.categoryId() != null) {
            json.append(',');
            stringField(json, "category_id", event.categoryId());
        }
        if (event.price() != null) {
            json.append(",\"price\":").append(event.price().doubleValue()); // finite: converters check
        }
        if (event.quantity() != null) {
            json.append(",\"quantity\":").append(event.quantity().intValue());
        }
        if (event.orderId() != null) {
            json.append(',');
            stringField(json, "order_id", event.orderId());
        }
        return json.append('}').toString();
    }

    private static void stringField(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        ESCAPER.quoteAsString(value, json);
        json.append('"');
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
