package dev.funnelflow.alerts.cart;

import dev.funnelflow.event.ClickEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A user's open cart and when they were last active: add_to_cart puts units in, remove_from_cart and purchase
 * take them out (by item), every event counts as activity. Immutable; a Flink POJO (arrays, not lists, so Flink
 * does not fall back to Kryo) kept in keyed state while the cart holds anything.
 *
 * @param lines open lines, one per item, in the order the items were first added
 * @param lastEventTime event time of the user's latest event (the idle clock starts there)
 * @param lastEventId that event's id; it names the alert, since each event is followed by at most one deadline
 */
public record Cart(CartLine[] lines, long lastEventTime, String lastEventId) {

    /** Lines kept at most; beyond that the oldest line is dropped, so a bot filling a cart cannot grow state. */
    public static final int MAX_LINES = 50;
    /** add_to_cart ids kept per line as evidence. */
    static final int MAX_EVIDENCE_PER_LINE = 5;

    public static Cart empty() {
        return new Cart(new CartLine[0], Long.MIN_VALUE, null);
    }

    /** The cart after {@code event}: changed lines for cart and purchase events, the activity clock for all. */
    public Cart apply(ClickEvent event) {
        List<CartLine> next = new ArrayList<>(Arrays.asList(lines));
        switch (event.type()) {
            case ADD_TO_CART -> add(next, event);
            case REMOVE_FROM_CART, PURCHASE -> take(next, event.itemId(), event.quantity());
            default -> { }
        }
        // Events may arrive slightly out of order: activity is the latest event time seen.
        boolean latest = event.eventTime() >= lastEventTime;
        return new Cart(next.toArray(CartLine[]::new), latest ? event.eventTime() : lastEventTime,
                latest ? event.eventId() : lastEventId);
    }

    private static void add(List<CartLine> next, ClickEvent event) {
        int at = indexOf(next, event.itemId());
        if (at < 0) {
            if (next.size() == MAX_LINES) {
                next.remove(0);
            }
            next.add(new CartLine(event.itemId(), event.quantity(), event.price(), new String[] {event.eventId()}));
            return;
        }
        CartLine line = next.get(at);
        String[] ids = Arrays.copyOf(line.eventIds(), line.eventIds().length + 1);
        ids[ids.length - 1] = event.eventId();
        if (ids.length > MAX_EVIDENCE_PER_LINE) {
            ids = Arrays.copyOfRange(ids, ids.length - MAX_EVIDENCE_PER_LINE, ids.length);
        }
        next.set(at, new CartLine(line.itemId(), line.quantity() + event.quantity(),
                event.price() != null ? event.price() : line.price(), ids));
    }

    /** Removing or buying more than the cart holds (or an item it does not hold) empties that line only. */
    private static void take(List<CartLine> next, String itemId, int quantity) {
        int at = indexOf(next, itemId);
        if (at < 0) {
            return;
        }
        CartLine line = next.get(at);
        if (line.quantity() <= quantity) {
            next.remove(at);
        } else {
            next.set(at, new CartLine(line.itemId(), line.quantity() - quantity, line.price(), line.eventIds()));
        }
    }

    private static int indexOf(List<CartLine> lines, String itemId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).itemId().equals(itemId)) {
                return i;
            }
        }
        return -1;
    }

    public boolean isEmpty() {
        return lines.length == 0;
    }

    /** Sum of the lines' values; items without a price count 0. */
    public double value() {
        return Arrays.stream(lines).mapToDouble(CartLine::value).sum();
    }

    public int units() {
        return Arrays.stream(lines).mapToInt(CartLine::quantity).sum();
    }

    /** The add_to_cart events behind the open lines. */
    public List<String> evidenceEventIds() {
        return Arrays.stream(lines).flatMap(line -> Arrays.stream(line.eventIds())).toList();
    }
}
