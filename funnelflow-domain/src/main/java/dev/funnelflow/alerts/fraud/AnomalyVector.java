package dev.funnelflow.alerts.fraud;

import static dev.funnelflow.alerts.fraud.VectorSlot.Transform.CLIPPED;
import static dev.funnelflow.alerts.fraud.VectorSlot.Transform.LOG_COUNT;
import static dev.funnelflow.alerts.fraud.VectorSlot.Transform.QUICKNESS;
import static dev.funnelflow.alerts.fraud.VectorSlot.Transform.REGULARITY;

import java.io.Serializable;
import java.util.List;

/** The ordered dimensions the detector sees; changing them changes the model (see {@link #schema()}). */
public record AnomalyVector(List<VectorSlot> slots) implements Serializable {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    public AnomalyVector {
        slots = List.copyOf(slots);
    }

    /** Velocity, card, device and IP counts, amount, cadence, travel and signup speed: 12 dimensions. */
    public static AnomalyVector defaults() {
        return new AnomalyVector(List.of(
                new VectorSlot("events_1m", Feature.EVENTS, MINUTE, LOG_COUNT),
                new VectorSlot("purchases_1h", Feature.PURCHASES, HOUR, LOG_COUNT),
                new VectorSlot("small_purchases_1h", Feature.SMALL_PURCHASES, HOUR, LOG_COUNT),
                new VectorSlot("distinct_cards_24h", Feature.DISTINCT_CARDS, DAY, LOG_COUNT),
                new VectorSlot("distinct_devices_24h", Feature.DISTINCT_DEVICES, DAY, LOG_COUNT),
                new VectorSlot("device_users_24h", Feature.DEVICE_USERS, DAY, LOG_COUNT),
                new VectorSlot("ip_users_1h", Feature.IP_USERS, HOUR, LOG_COUNT),
                new VectorSlot("amount_zscore", Feature.AMOUNT_ZSCORE, 0, CLIPPED),
                new VectorSlot("interval_mean_seconds", Feature.INTERVAL_MEAN_SECONDS, 0, QUICKNESS),
                new VectorSlot("interval_cv", Feature.INTERVAL_CV, 0, REGULARITY),
                new VectorSlot("country_switch_seconds", Feature.COUNTRY_SWITCH_SECONDS, 0, QUICKNESS),
                new VectorSlot("signup_to_purchase_seconds", Feature.SIGNUP_TO_PURCHASE_SECONDS, 0, QUICKNESS)));
    }

    public int dimensions() {
        return slots.size();
    }

    /** Raw feature values in slot order (NaN where undefined), for reasons. */
    public double[] raw(FeatureValues values) {
        double[] raw = new double[slots.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = slots.get(i).raw(values);
        }
        return raw;
    }

    /** The detector's input point for raw values from {@link #raw}. */
    public double[] point(double[] raw) {
        double[] point = new double[raw.length];
        for (int i = 0; i < point.length; i++) {
            point[i] = slots.get(i).coordinate(raw[i]);
        }
        return point;
    }

    /** Slot names and transforms in order: a forest restored under another schema would score nonsense. */
    public String schema() {
        StringBuilder schema = new StringBuilder();
        for (VectorSlot slot : slots) {
            schema.append(slot.name()).append(':').append(slot.transform()).append(';');
        }
        return schema.toString();
    }
}
