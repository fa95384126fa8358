package dev.funnelflow.alerts.fraud;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the fraud operators.
 *
 * @param trees Random Cut Forest trees per operator subtask
 * @param sampleSize points each tree keeps
 * @param seed forest seed (the subtask index is added, so subtasks differ)
 * @param reasonShare share of the anomaly score a feature must carry to become a reason
 * @param suppressionWindow at most one alert per user in this event time, unless severity rises
 * @param stateTtl a user's (device's, IP's) risk state is dropped after this long without events
 */
public record FraudSettings(
        RiskSettings risk,
        AnomalyVector vector,
        int trees,
        int sampleSize,
        long seed,
        double reasonShare,
        Duration suppressionWindow,
        Duration stateTtl) implements Serializable {

    /**
     * Default risk state and vector, a 50-tree forest of 256 samples naming features with a tenth of the score,
     * one alert per user per hour, 7-day TTL: the defaults of {@code funnelflow.fraud.*}.
     */
    public static FraudSettings defaults() {
        return new FraudSettings(RiskSettings.defaults(), AnomalyVector.defaults(), 50, 256, 42, 0.1,
                Duration.ofHours(1), Duration.ofDays(7));
    }

    /** A new forest for operator subtask {@code subtask}. */
    public ForestDetector newForest(int subtask) {
        return new ForestDetector(vector, trees, sampleSize, seed + subtask, reasonShare);
    }

    /** A forest restored from a checkpoint ({@link ForestDetector#toBytes}), naming reasons by these settings. */
    public ForestDetector restoreForest(byte[] bytes) {
        return ForestDetector.fromBytes(bytes, vector, reasonShare);
    }

    /** The model_version of alerts the forest contributed to. */
    public String forestVersion() {
        return "rcf-" + trees + "x" + sampleSize + "-" + Integer.toHexString(vector.schema().hashCode());
    }
}
