package dev.funnelflow.flink;

import java.util.Arrays;

/**
 * A series' re-selection that has not landed yet (kept in keyed state): the bucket whose forecast waits for it, and
 * the buckets that closed after it, to be taken in order once the model is there.
 *
 * @param windowEnd end of the bucket the re-selection was fitted up to (the newest in the series' history)
 * @param held values of the buckets closed since, oldest first
 */
public record PendingReselection(long windowEnd, double[] held) {

    public static PendingReselection of(long windowEnd) {
        return new PendingReselection(windowEnd, new double[0]);
    }

    public PendingReselection holding(double value) {
        double[] more = Arrays.copyOf(held, held.length + 1);
        more[held.length] = value;
        return new PendingReselection(windowEnd, more);
    }
}
