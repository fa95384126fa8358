package dev.funnelflow.alerts.fraud;

import java.io.Serializable;
import java.time.Duration;

/**
 * Sizes and constants of the per-user risk state.
 *
 * @param eventCapacity event times kept per user: "events in a window" is exact up to this
 * @param purchaseCapacity purchases kept per user
 * @param distinctCapacity distinct cards or devices per user, and users per device or IP, kept
 * @param cadenceGaps recent in-session gaps kept for the cadence features
 * @param minCadenceGaps gaps needed before the cadence features are defined
 * @param minAmountHistory earlier purchases needed before amount features are defined
 * @param smallPurchaseAmount a purchase of at most this amount counts as small (card testing)
 * @param sessionGapMillis gaps longer than this are not part of the click cadence
 * @param maxWindowMillis the longest window a rule may ask for (state holds no older evidence)
 */
public record RiskSettings(
        int eventCapacity,
        int purchaseCapacity,
        int distinctCapacity,
        int cadenceGaps,
        int minCadenceGaps,
        int minAmountHistory,
        double smallPurchaseAmount,
        long sessionGapMillis,
        long maxWindowMillis) implements Serializable {

    public RiskSettings {
        if (eventCapacity < 1 || purchaseCapacity < 1 || distinctCapacity < 1 || cadenceGaps < 2) {
            throw new IllegalArgumentException("capacities must be >= 1 and cadence gaps >= 2");
        }
        if (minCadenceGaps < 2 || minCadenceGaps > cadenceGaps) {
            throw new IllegalArgumentException("minCadenceGaps must be in 2.." + cadenceGaps + ", got " + minCadenceGaps);
        }
    }

    /**
     * 128 events (a human does not produce that many in a minute), 64 purchases, 16 distinct values, 20 gaps
     * (10 needed), 3 earlier purchases for amount features, small purchases up to 5.00, 30-minute session
     * gap, windows up to 24 hours.
     */
    public static RiskSettings defaults() {
        return new RiskSettings(128, 64, 16, 20, 10, 3, 5.0, Duration.ofMinutes(30).toMillis(),
                Duration.ofHours(24).toMillis());
    }
}
