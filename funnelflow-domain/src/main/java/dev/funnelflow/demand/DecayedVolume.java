package dev.funnelflow.demand;

/**
 * An item's purchase volume with exponential time decay: each unit counts half after a half-life, so the volume follows
 * what sells now. One number and its time per item (stored as is in Flink keyed state).
 *
 * @param time event time (epoch ms) the volume is expressed at
 */
public record DecayedVolume(double volume, long time) {

    public static final DecayedVolume NONE = new DecayedVolume(0, Long.MIN_VALUE);

    /** What one unit counts after {@code elapsedMillis} (nothing decays backwards). */
    public static double decay(long elapsedMillis, long halfLifeMillis) {
        return elapsedMillis <= 0 ? 1 : Math.pow(0.5, (double) elapsedMillis / halfLifeMillis);
    }

    /** The volume at {@code at}, if not before this one's time. */
    public double at(long at, long halfLifeMillis) {
        return volume == 0 ? 0 : volume * decay(at - time, halfLifeMillis);
    }

    /** Adds {@code quantity} sold at {@code at} (a late sale counts as decayed to this one's time). */
    public DecayedVolume plus(double quantity, long at, long halfLifeMillis) {
        long latest = Math.max(at, time);
        return new DecayedVolume(at(latest, halfLifeMillis) + quantity * decay(latest - at, halfLifeMillis), latest);
    }
}
