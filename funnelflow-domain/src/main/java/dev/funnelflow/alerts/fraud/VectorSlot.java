package dev.funnelflow.alerts.fraud;

import java.io.Serializable;
import java.util.function.DoubleUnaryOperator;

/**
 * One dimension of the anomaly detector's input: a feature (and window), transformed so that larger means
 * riskier and an undefined feature reads as the unremarkable value 0. Random Cut Forest cuts dimensions in
 * proportion to their range, so counts enter on a log scale and seconds as a "speed" 1/(1+x): a burst of
 * 40 events must not be drowned by a 900-second gap elsewhere.
 *
 * @param name e.g. {@code events_1m}; reason codes become {@code anomaly_<name>}
 */
public record VectorSlot(String name, Feature feature, long windowMillis, Transform transform) implements Serializable {

    /** How a raw feature value becomes a coordinate. */
    public enum Transform {
        /** Counts: log(1 + x). */
        LOG_COUNT(x -> Math.log1p(Math.max(0, x))),
        /** Signed scores such as a z-score, clipped to ±10 so one absurd amount does not stretch the axis. */
        CLIPPED(x -> Math.max(-10, Math.min(10, x))),
        /** Durations in seconds where short is risky: 60 / (60 + x), 1 for instant, 0.5 at one minute. */
        QUICKNESS(x -> 60 / (60 + Math.max(0, x))),
        /** Regularity of a coefficient of variation: 1 - x, floored at 0 (a clock is 1, a person about 0). */
        REGULARITY(x -> Math.max(0, 1 - x));

        private final DoubleUnaryOperator function;

        Transform(DoubleUnaryOperator function) {
            this.function = function;
        }
    }

    /** The raw feature value, NaN when undefined. */
    public double raw(FeatureValues values) {
        return values.value(feature, windowMillis);
    }

    /** The coordinate: the transformed value, 0 when the feature is undefined. */
    public double coordinate(double raw) {
        return Double.isNaN(raw) ? 0 : transform.function.applyAsDouble(raw);
    }
}
