package dev.funnelflow.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * Settings of the customer-lifecycle alerts, {@code cart_abandonment} and {@code churn_risk} (issue 4), declared
 * once with default and description, set like every FunnelFlow option ({@code flink-jobs/clickstream.yaml},
 * {@code --config}, {@code -Dkey=value}). Read into {@link LifecycleAlertSettings}.
 */
public final class AlertOptions {

    private AlertOptions() {}

    public static final ConfigOption<Duration> CART_IDLE = key("funnelflow.alerts.cart-abandonment.idle")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("Items still in the cart this long (event time) after the user's last event raise"
                    + " cart_abandonment.");

    public static final ConfigOption<Double> CART_MEDIUM_VALUE = key("funnelflow.alerts.cart-abandonment.medium-value")
            .doubleType().defaultValue(50.0)
            .withDescription("Cart value (price times quantity) from which an abandonment is medium severity.");

    public static final ConfigOption<Double> CART_HIGH_VALUE = key("funnelflow.alerts.cart-abandonment.high-value")
            .doubleType().defaultValue(200.0)
            .withDescription("Cart value from which an abandonment is high severity.");

    public static final ConfigOption<Double> CHURN_ALIVE_THRESHOLD = key("funnelflow.alerts.churn.alive-threshold")
            .doubleType().defaultValue(0.3)
            .withDescription("A watched customer whose BG/NBD P(alive) falls below this raises churn_risk.");

    public static final ConfigOption<Integer> CHURN_MIN_REPEAT_PURCHASES =
            key("funnelflow.alerts.churn.min-repeat-purchases")
            .intType().defaultValue(2)
            .withDescription("Repeat purchase days (after the first) that make a customer regular enough to watch.");

    public static final ConfigOption<Duration> CHURN_CHECK_INTERVAL = key("funnelflow.alerts.churn.check-interval")
            .durationType().defaultValue(Duration.ofDays(1))
            .withDescription("P(alive) is checked every interval (event time) after a watched customer's latest"
                    + " purchase, and on each of their events.");

    public static final ConfigOption<String> CHURN_MODEL = key("funnelflow.alerts.churn.model")
            .stringType().noDefaultValue()
            .withDescription("BG/NBD model from 'train churn': its models directory or the churn-bgnbd.json file."
                    + " Unset: the bundled published CDNOW parameters.");

    public static final ConfigOption<Duration> CHURN_MODEL_POLL_INTERVAL =
            key("funnelflow.alerts.churn.model.poll-interval").durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How often the running job looks for a newer churn model file at"
                    + " funnelflow.alerts.churn.model; a changed file is read and served from the next check on.");

    public static final ConfigOption<Duration> CHURN_HORIZON = key("funnelflow.alerts.churn.horizon")
            .durationType().defaultValue(Duration.ofDays(365))
            .withDescription("How long after their latest purchase a customer is watched; their purchase statistics"
                    + " are kept as long (state TTL), and a later P(alive) crossing is not checked for.");
}
