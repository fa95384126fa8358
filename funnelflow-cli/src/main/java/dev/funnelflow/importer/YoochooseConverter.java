package dev.funnelflow.importer;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * YOOCHOOSE, RecSys Challenge 2015: {@code yoochoose-clicks.dat} rows
 * {@code session_id,timestamp,item_id,category} become views, {@code yoochoose-buys.dat} rows
 * {@code session_id,timestamp,item_id,price,quantity} become purchases; the field count tells them apart, so
 * both files can go through one import. The files have no header; timestamps are ISO-8601 UTC.
 *
 * <p>The challenge has no user ids, so the user is the session ({@code yc-s<session_id>}). Following the
 * challenge's README, category {@code 0} means "missing" and is left out; a price or quantity of 0 marks an
 * unknown value in the buys file and is left out too.
 */
final class YoochooseConverter implements RowConverter {

    @Override
    public String header() {
        return null;
    }

    @Override
    public ClickEvent convert(String row, String eventId) throws BadRowException {
        RowFields fields = RowFields.split(row, ',');
        if (fields.size() != 4 && fields.size() != 5) {
            throw new BadRowException("expected 4 fields (click) or 5 (buy), found " + fields.size());
        }
        String sessionId = fields.text(0, "session_id");
        long timeMs = parseTimestamp(fields.text(1, "timestamp"));
        String itemId = fields.text(2, "item_id");
        String userId = "yc-s" + sessionId;
        if (fields.size() == 4) {
            String category = fields.optionalText(3);
            String categoryId = "0".equals(category) ? null : category;
            return RowConverter.event(eventId, timeMs, userId, sessionId, EventType.VIEW, itemId, categoryId,
                    null, 1, null);
        }
        Double price = fields.optionalNonNegativeDecimal(3, "price");
        int quantity = fields.nonNegativeInt(4, "quantity");
        return RowConverter.event(eventId, timeMs, userId, sessionId, EventType.PURCHASE, itemId, null,
                price == null || price == 0 ? null : price,
                quantity == 0 ? 1 : quantity, null);
    }

    private static long parseTimestamp(String value) throws BadRowException {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new BadRowException("timestamp is not ISO-8601 UTC: '" + value + "'");
        }
    }
}
