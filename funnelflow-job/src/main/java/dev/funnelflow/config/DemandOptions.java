package dev.funnelflow.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * Settings of the demand forecasts (issue 5), declared once with default and description, set like every FunnelFlow
 * option ({@code flink-jobs/clickstream.yaml}, {@code --config}, {@code -Dkey=value}). Read into {@link DemandSettings}.
 */
public final class DemandOptions {

    private DemandOptions() {}

    public static final ConfigOption<Duration> WINDOW = key("funnelflow.demand.window")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Event-time bucket of the demand series, e.g. 1 h or 1 d (whole seconds).");

    public static final ConfigOption<Integer> HISTORY = key("funnelflow.demand.history")
            .intType().defaultValue(336)
            .withDescription("Buckets kept per series and fitted on (336 = two weeks of hours); bounds the state.");

    public static final ConfigOption<Integer> HORIZON = key("funnelflow.demand.horizon")
            .intType().defaultValue(24)
            .withDescription("Buckets forecast after each closed bucket.");

    public static final ConfigOption<Integer> SEASON = key("funnelflow.demand.season")
            .intType().defaultValue(0)
            .withDescription("Season length in buckets; 0 derives it from the window (24 for 1 h, 7 for 1 d,"
                    + " none otherwise), 1 means no season.");

    public static final ConfigOption<Integer> REFIT_EVERY = key("funnelflow.demand.refit-every")
            .intType().defaultValue(24)
            .withDescription("Buckets between full model re-selections; in between, each bucket is one Kalman update.");

    public static final ConfigOption<Double> DRIFT_THRESHOLD = key("funnelflow.demand.drift-threshold")
            .doubleType().defaultValue(4.0)
            .withDescription("Re-select early when the smoothed one-step errors are this many standard deviations off.");

    public static final ConfigOption<Integer> RESELECTION_THREADS = key("funnelflow.demand.reselection-threads")
            .intType().defaultValue(1)
            .withDescription("Threads per demand subtask that run model re-selections (ARIMA order searches, up to"
                    + " seconds each) off the task thread.");

    public static final ConfigOption<Integer> RESELECTION_CAPACITY = key("funnelflow.demand.reselection-capacity")
            .intType().defaultValue(64)
            .withDescription("Re-selections a demand subtask keeps queued or running at most; a bucket that needs one"
                    + " more waits (back-pressure) until one finishes.");

    public static final ConfigOption<Integer> TOP_ITEMS = key("funnelflow.demand.top-items")
            .intType().defaultValue(100)
            .withDescription("Items with the most (decayed) purchase volume that get their own series, item:<id>;"
                    + " 0 forecasts categories only.");

    public static final ConfigOption<Duration> TOP_ITEMS_HALF_LIFE = key("funnelflow.demand.top-items-half-life")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("Half-life of the purchase volume that ranks items for funnelflow.demand.top-items.");

    public static final ConfigOption<Boolean> VIEWS = key("funnelflow.demand.views")
            .booleanType().defaultValue(false)
            .withDescription("Also forecast views, as the series <series>:views beside each purchases series."
                    + " Off by default: views are most of the traffic, and each one is a keyed state update.");
}
