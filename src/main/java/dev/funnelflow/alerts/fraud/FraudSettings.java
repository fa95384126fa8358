package dev.funnelflow.alerts.fraud;

import dev.funnelflow.alerts.anomaly.AnomalyVector;
import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the fraud operators.
 *
 * @param trees Random Cut Forest trees per operator subtask
 * @param sampleSize points each tree keeps
 * @param seed forest seed (subtask index is added, so subtasks differ but replays repeat)
 * @param suppressionWindow at most one alert per user in this event time, unless severity rises
 * @param stateTtl a user's (device's, IP's) risk state is dropped after this long without events
 */
public record FraudSettings(
        RiskSettings risk,
        AnomalyVector vector,
        int trees,
        int sampleSize,
        long seed,
        Duration suppressionWindow,
        Duration stateTtl) implements Serializable {

    /** Default risk state and vector, a 50-tree forest of 256 samples, one alert per user per hour, 7-day TTL. */
    public static FraudSettings defaults() {
        return new FraudSettings(RiskSettings.defaults(), AnomalyVector.defaults(), 50, 256, 42,
                Duration.ofHours(1), Duration.ofDays(7));
    }

    /** The model_version of alerts the forest contributed to. */
    public String forestVersion() {
        return "rcf-" + trees + "x" + sampleSize + "-" + Integer.toHexString(vector.schema().hashCode());
    }
}
