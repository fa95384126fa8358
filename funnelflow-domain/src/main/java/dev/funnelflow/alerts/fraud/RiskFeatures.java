package dev.funnelflow.alerts.fraud;

import java.util.Arrays;

/**
 * The features of one user at one event: windowed counts read from the user's state (and the cross-key
 * sightings) on demand, the rest measured when the event was folded in. Valid until the state sees the next
 * event.
 */
public final class RiskFeatures implements FeatureValues {

    private final UserRiskState state;
    private final long time;
    private final double[] atEvent;
    private final CrossKeySightings sightings;
    private final double smallPurchaseAmount;

    RiskFeatures(UserRiskState state, long time, double[] atEvent, CrossKeySightings sightings,
            double smallPurchaseAmount) {
        this.state = state;
        this.time = time;
        this.atEvent = atEvent;
        this.sightings = sightings;
        this.smallPurchaseAmount = smallPurchaseAmount;
    }

    static double[] undefined() {
        double[] values = new double[Feature.values().length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    /** Event time of the event these features describe. */
    public long time() {
        return time;
    }

    /** Sets the anomaly score once the detector has scored this event's vector. */
    public void setAnomalyScore(double score) {
        atEvent[Feature.ANOMALY_SCORE.ordinal()] = score;
    }

    @Override
    public double value(Feature feature, long windowMillis) {
        long from = time - windowMillis;
        return switch (feature) {
            case EVENTS -> state.eventsSince(from);
            case PURCHASES -> state.purchasesSince(from, Double.POSITIVE_INFINITY);
            case SMALL_PURCHASES -> state.purchasesSince(from, smallPurchaseAmount);
            case DISTINCT_CARDS -> state.cardsSince(from);
            case DISTINCT_DEVICES -> state.devicesSince(from);
            case DEVICE_USERS -> countOrNaN(sightings.deviceUserTimes(), from);
            case IP_USERS -> countOrNaN(sightings.ipUserTimes(), from);
            default -> atEvent[feature.ordinal()];
        };
    }

    private static double countOrNaN(long[] times, long from) {
        return times == null ? Double.NaN : WindowCounts.countSince(times, from);
    }
}
