package dev.funnelflow.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * Settings of fraud detection (issue 4) a fraud team tunes, declared once with default and description, set like
 * every FunnelFlow option ({@code flink-jobs/clickstream.yaml}, {@code --config}, {@code -Dkey=value}). Read into
 * {@link dev.funnelflow.alerts.fraud.FraudSettings} by {@link JobSettings}. Rule thresholds, the anomaly
 * threshold included (rule {@code anomaly.forest_score}), live in the rule file, not here: one place per rule.
 */
public final class FraudOptions {

    private FraudOptions() {}

    public static final ConfigOption<String> RULES = key("funnelflow.fraud.rules")
            .stringType().noDefaultValue()
            .withDescription("JSON rule file in place of the bundled flink-jobs/fraud-rules.json (same shape);"
                    + " control commands change the rules at runtime on top of it.");

    public static final ConfigOption<Duration> SUPPRESSION_WINDOW = key("funnelflow.fraud.suppression-window")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("At most one fraud alert per user in this much event time, unless severity rises.");

    public static final ConfigOption<Duration> STATE_TTL = key("funnelflow.fraud.state-ttl")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("A user's, device's or IP's risk state is dropped after this long without events.");

    public static final ConfigOption<Integer> RISK_CACHE = key("funnelflow.fraud.risk-cache")
            .intType().defaultValue(5000)
            .withDescription("Users' risk states each fraud-detection subtask keeps deserialized on the heap; their"
                    + " changes reach RocksDB when they leave it and before each checkpoint. 0 reads and writes state per"
                    + " event.");

    public static final ConfigOption<Double> SMALL_PURCHASE_AMOUNT = key("funnelflow.fraud.small-purchase-amount")
            .doubleType().defaultValue(5.0)
            .withDescription("A purchase of at most this amount counts as small (card testing features).");

    public static final ConfigOption<Integer> MIN_AMOUNT_HISTORY = key("funnelflow.fraud.min-amount-history")
            .intType().defaultValue(3)
            .withDescription("Earlier purchases a user needs before the amount features (z-score, ratio to mean)"
                    + " are defined.");

    public static final ConfigOption<Integer> FOREST_TREES = key("funnelflow.fraud.forest.trees")
            .intType().defaultValue(50)
            .withDescription("Random Cut Forest trees per operator subtask: more give steadier anomaly scores and"
                    + " cost more per scored event.");

    public static final ConfigOption<Integer> FOREST_SAMPLE_SIZE = key("funnelflow.fraud.forest.sample-size")
            .intType().defaultValue(256)
            .withDescription("Points each tree keeps: the forest's memory of what is usual. Scoring starts after"
                    + " a quarter of this many events.");

    public static final ConfigOption<Long> FOREST_SEED = key("funnelflow.fraud.forest.seed")
            .longType().defaultValue(42L)
            .withDescription("Forest seed; the subtask index is added, so subtasks grow different forests.");

    public static final ConfigOption<Double> FOREST_REASON_SHARE = key("funnelflow.fraud.forest.reason-share")
            .doubleType().defaultValue(0.1)
            .withDescription("Share (0..1) of the anomaly score a feature must carry to be named as a reason of an"
                    + " anomaly alert (at most three are named).");
}
