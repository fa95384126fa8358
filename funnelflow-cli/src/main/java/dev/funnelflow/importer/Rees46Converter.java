package dev.funnelflow.importer;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * REES46 / Open CDP "eCommerce behavior data from multi-category store" (Kaggle, mkechinov):
 * {@code event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session} with
 * times like {@code 2019-10-01 00:00:00 UTC}. {@code view}, {@code cart}, {@code remove_from_cart} and
 * {@code purchase} become view, add_to_cart, remove_from_cart and purchase; {@code user_session} is the
 * session id. {@code category_code} and {@code brand} have no field in our schema and are dropped.
 */
final class Rees46Converter implements RowConverter {
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'");

    @Override
    public String header() {
        return "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";
    }

    @Override
    public ClickEvent convert(String row, String eventId) throws BadRowException {
        RowFields fields = RowFields.split(row, ',', 9);
        long timeMs = parseEventTime(fields.text(0, "event_time"));
        EventType type = eventType(fields.text(1, "event_type"));
        String itemId = fields.text(2, "product_id");
        String categoryId = fields.optionalText(3);
        Double price = fields.optionalNonNegativeDecimal(6, "price");
        String userId = fields.text(7, "user_id");
        String sessionId = fields.optionalText(8);
        return RowConverter.event(eventId, timeMs, userId, sessionId, type, itemId, categoryId, price, 1, null);
    }

    private static long parseEventTime(String value) throws BadRowException {
        try {
            return LocalDateTime.parse(value, EVENT_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeException e) {
            throw new BadRowException("event_time is not 'YYYY-MM-DD HH:MM:SS UTC': '" + value + "'");
        }
    }

    private static EventType eventType(String eventType) throws BadRowException {
        return switch (eventType) {
            case "view" -> EventType.VIEW;
            case "cart" -> EventType.ADD_TO_CART;
            case "remove_from_cart" -> EventType.REMOVE_FROM_CART;
            case "purchase" -> EventType.PURCHASE;
            default -> throw new BadRowException("unknown event_type '" + eventType + "'");
        };
    }
}
