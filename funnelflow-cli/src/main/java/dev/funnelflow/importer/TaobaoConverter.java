package dev.funnelflow.importer;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;

/**
 * Taobao UserBehavior (Alibaba Tianchi, dataset 649): {@code user_id,item_id,category_id,behavior,timestamp},
 * no header, timestamp in epoch seconds.
 *
 * <p>Behaviour mapping: {@code pv} (page view) → view, {@code cart} → add_to_cart, {@code buy} → purchase, and
 * {@code fav} (favourite) → click. Our schema has no "favourite" type; click is the closest explicit signal
 * of interest that is stronger than a view and weaker than a cart add. The dataset has no sessions: the session
 * id is left out, and consumers derive sessions from a 30-minute inactivity gap.
 */
final class TaobaoConverter implements RowConverter {
    private static final long MAX_EPOCH_SECONDS = Long.MAX_VALUE / 1000;

    @Override
    public String header() {
        return null;
    }

    @Override
    public ClickEvent convert(String row, String eventId) throws BadRowException {
        RowFields fields = RowFields.split(row, ',', 5);
        String userId = fields.text(0, "user_id");
        String itemId = fields.text(1, "item_id");
        String categoryId = fields.optionalText(2);
        EventType type = eventType(fields.text(3, "behavior"));
        long seconds = fields.nonNegativeLong(4, "timestamp");
        if (seconds > MAX_EPOCH_SECONDS) {
            throw new BadRowException("timestamp out of range: " + seconds);
        }
        return RowConverter.event(eventId, seconds * 1000, userId, null, type, itemId, categoryId, null, 1, null);
    }

    private static EventType eventType(String behavior) throws BadRowException {
        return switch (behavior) {
            case "pv" -> EventType.VIEW;
            case "cart" -> EventType.ADD_TO_CART;
            case "buy" -> EventType.PURCHASE;
            case "fav" -> EventType.CLICK;
            default -> throw new BadRowException("unknown behavior '" + behavior + "'");
        };
    }
}
