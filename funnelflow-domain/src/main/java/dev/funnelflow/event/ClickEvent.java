package dev.funnelflow.event;

/**
 * A clickstream event: the project's one model of it. The job gets its events from {@link EventParser}, so those
 * honour the contract: ids are non-empty, {@code itemId} is present for item events, {@code price >= 0},
 * {@code quantity >= 1}. The generator and the importer build events themselves, keeping the contract on their own,
 * and write them with {@link EventJson}; the parser reads what it writes back as an equal event (origin aside).
 *
 * @param eventTime epoch milliseconds
 * @param sessionId null when the producer sent none (the job derives one from an inactivity gap)
 * @param price null when absent
 * @param quantity 1 when absent on the wire
 * @param origin where the record was read, so anything done with it can be traced to its input offset; null for an
 *     event not read from a record (not on the wire)
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
