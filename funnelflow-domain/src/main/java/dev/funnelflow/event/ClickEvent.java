package dev.funnelflow.event;

/**
 * A validated clickstream event. Built only by {@link EventParser}, so every instance honours the contract:
 * ids are non-empty, {@code itemId} is present for item events, {@code price >= 0}, {@code quantity >= 1}.
 *
 * @param eventTime epoch milliseconds
 * @param sessionId null when the producer sent none (the job derives one from an inactivity gap)
 * @param price null when absent
 * @param origin where the record was read, so anything done with it can be traced to its input offset
 */
public record ClickEvent(
        String eventId,
        long eventTime,
        String userId,
        String sessionId,
        EventType type,
        String itemId,
        String categoryId,
        Double price,
        int quantity,
        String orderId,
        String query,
        String recId,
        EventContext context,
        Payment payment,
        RecordOrigin origin) {

    /** Spend of a purchase: the payment amount when given, else price times quantity. */
    public double purchaseValue() {
        if (type != EventType.PURCHASE) {
            return 0;
        }
        if (payment != null && payment.amount() != null) {
            return payment.amount();
        }
        return price == null ? 0 : price * quantity;
    }
}
