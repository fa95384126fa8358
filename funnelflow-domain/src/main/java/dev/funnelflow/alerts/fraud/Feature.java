package dev.funnelflow.alerts.fraud;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The risk features rules can name. Windowed features are counts over a window the rule chooses ("purchases
 * in 1h"); the others are measured at the event itself and are undefined (NaN) where they do not apply, e.g.
 * {@code amount_zscore} on a page view.
 */
public enum Feature {
    EVENTS("events", true, "events of the user"),
    PURCHASES("purchases", true, "purchases of the user"),
    SMALL_PURCHASES("small_purchases", true, "purchases of at most the small-purchase amount (card testing)"),
    DISTINCT_CARDS("distinct_cards", true, "distinct card fingerprints the user paid with"),
    DISTINCT_DEVICES("distinct_devices", true, "distinct devices the user came from"),
    DEVICE_USERS("device_users", true, "distinct users seen on the event's device (device farms)"),
    IP_USERS("ip_users", true, "distinct users seen on the event's IP address"),
    SIGNUP_TO_PURCHASE_SECONDS("signup_to_purchase_seconds", false,
            "seconds from signup to the account's first purchase (on that purchase)"),
    AMOUNT_ZSCORE("amount_zscore", false, "standard score of the purchase amount against the user's own history"),
    AMOUNT_RATIO("amount_ratio", false, "purchase amount divided by the user's mean amount so far"),
    INTERVAL_MEAN_SECONDS("interval_mean_seconds", false, "mean gap between the user's recent events in a session"),
    INTERVAL_CV("interval_cv", false, "coefficient of variation of those gaps (low = machine-regular)"),
    COUNTRY_SWITCH_SECONDS("country_switch_seconds", false,
            "seconds since the user was last seen in another country (on a country change)"),
    ANOMALY_SCORE("anomaly_score", false, "Random Cut Forest anomaly score of the event's feature vector, 0..1");

    private final String wireName;
    private final boolean windowed;
    private final String description;

    Feature(String wireName, boolean windowed, String description) {
        this.wireName = wireName;
        this.windowed = windowed;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the feature is a count over a window that the rule gives. */
    public boolean windowed() {
        return windowed;
    }

    public String description() {
        return description;
    }

    public static Optional<Feature> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** The wire names, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Feature::wireName).collect(Collectors.joining(", "));
    }
}
