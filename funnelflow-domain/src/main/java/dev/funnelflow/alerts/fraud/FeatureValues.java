package dev.funnelflow.alerts.fraud;

/** Feature values at one event, as rules and the anomaly detector read them. */
public interface FeatureValues {

    /**
     * The value of {@code feature}; {@code windowMillis} is used by windowed features only. NaN when the
     * feature is undefined at this event (a rule on it then does not fire).
     */
    double value(Feature feature, long windowMillis);
}
