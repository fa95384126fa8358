package dev.funnelflow.alerts.fraud;

/**
 * A point's anomaly score; {@link ForestDetector#reasons} says why.
 *
 * @param raw Random Cut Forest score: about 1 or below for points like the sample, growing with the
 *     displacement the point causes (0 while the forest is still warming up)
 * @param normalized {@code raw} mapped to 0..1 as {@code max(0, 1 - 1/raw)}: 0 up to a raw score of 1, 0.5
 *     at 2, 0.75 at 4; monotone, so rankings and thresholds carry over
 */
public record AnomalyScore(double raw, double normalized) {

    public static double normalize(double raw) {
        return raw <= 1 ? 0 : 1 - 1 / raw;
    }
}
