package dev.funnelflow.ranking;

import java.io.Serializable;

/**
 * How long after a recommendation an outcome still counts for it.
 *
 * @param clickMillis a view or click of the item within this time labels {@code click} 1
 * @param convertMillis a purchase of the item within this time labels {@code convert} 1; examples are final then
 */
public record LabelWindows(long clickMillis, long convertMillis) implements Serializable {

    private static final long TIMER_GRANULARITY_MILLIS = 60_000;

    public LabelWindows {
        if (clickMillis <= 0 || convertMillis < clickMillis) {
            throw new IllegalArgumentException("label windows need 0 < click <= convert, got " + clickMillis
                    + " ms and " + convertMillis + " ms");
        }
    }

    /**
     * When an example served at {@code eventTime} is final, rounded up to a whole minute so that a user's examples
     * and interactions share a few timers instead of one each.
     */
    public long finalAt(long eventTime) {
        long end = eventTime + convertMillis;
        return Math.floorDiv(end + TIMER_GRANULARITY_MILLIS - 1, TIMER_GRANULARITY_MILLIS) * TIMER_GRANULARITY_MILLIS;
    }
}
