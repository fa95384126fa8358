package dev.funnelflow.alerts.churn;

import dev.funnelflow.event.ClickEvent;

/**
 * What the churn watch keeps per customer: the BG/NBD sufficient statistics, counted as {@code train churn}
 * counts them (purchase occasions per UTC day, times in weeks from the first purchase day), plus what the alert
 * needs. Immutable; a Flink POJO kept in keyed state.
 *
 * @param firstPurchaseDay start (epoch ms) of the UTC day of the first purchase: the customer's birth
 * @param lastPurchaseDay start of the UTC day of the latest repeat purchase; {@code firstPurchaseDay} without one
 * @param repeatPurchases purchase days after the first ({@code x})
 * @param lastPurchaseTime event time of the latest purchase
 * @param lastPurchaseEventId that purchase's event id
 * @param alerted whether a churn alert went out since the latest purchase (at most one per lapse)
 * @param nextCheck event time of the scheduled check, or {@link #NO_CHECK}
 */
public record PurchaseHistory(
        long firstPurchaseDay,
        long lastPurchaseDay,
        int repeatPurchases,
        long lastPurchaseTime,
        String lastPurchaseEventId,
        boolean alerted,
        long nextCheck) {

    public static final long NO_CHECK = Long.MIN_VALUE;
    static final long WEEK_MS = 7 * PurchaseLog.DAY_MS;

    public static PurchaseHistory firstPurchase(ClickEvent purchase) {
        long day = dayStart(purchase.eventTime());
        return new PurchaseHistory(day, day, 0, purchase.eventTime(), purchase.eventId(), false, NO_CHECK);
    }

    /**
     * The history after another purchase. A purchase on a day already counted is not a new occasion; a new
     * purchase ends the lapse, so another alert may follow.
     */
    public PurchaseHistory withPurchase(ClickEvent purchase) {
        long day = dayStart(purchase.eventTime());
        boolean newDay = day > lastPurchaseDay;
        boolean latest = purchase.eventTime() >= lastPurchaseTime;
        return new PurchaseHistory(firstPurchaseDay, newDay ? day : lastPurchaseDay,
                repeatPurchases + (newDay ? 1 : 0), latest ? purchase.eventTime() : lastPurchaseTime,
                latest ? purchase.eventId() : lastPurchaseEventId, false, nextCheck);
    }

    public PurchaseHistory withAlerted() {
        return new PurchaseHistory(firstPurchaseDay, lastPurchaseDay, repeatPurchases, lastPurchaseTime,
                lastPurchaseEventId, true, nextCheck);
    }

    public PurchaseHistory withNextCheck(long time) {
        return new PurchaseHistory(firstPurchaseDay, lastPurchaseDay, repeatPurchases, lastPurchaseTime,
                lastPurchaseEventId, alerted, time);
    }

    /**
     * The BG/NBD summary observed until {@code now}: x, t_x and T in weeks from the first purchase day. T is not
     * less than t_x even for a slightly out-of-order {@code now}.
     */
    public CustomerHistory at(long now) {
        double tx = weeks(lastPurchaseDay - firstPurchaseDay);
        return new CustomerHistory(repeatPurchases, tx, Math.max(tx, weeks(now - firstPurchaseDay)));
    }

    /** Days times {@link PurchaseLog#WEEKS_PER_DAY}, as the trainer computes: the same bits on day boundaries. */
    private static double weeks(long millis) {
        return millis / (double) PurchaseLog.DAY_MS * PurchaseLog.WEEKS_PER_DAY;
    }

    private static long dayStart(long time) {
        return Math.floorDiv(time, PurchaseLog.DAY_MS) * PurchaseLog.DAY_MS;
    }
}
