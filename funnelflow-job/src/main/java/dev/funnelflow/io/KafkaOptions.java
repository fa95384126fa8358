package dev.funnelflow.io;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/** Where the job's Kafka clients connect and how its sinks commit: the {@code funnelflow.kafka.*} options. */
public final class KafkaOptions {

    /** Any Kafka client property, passed through to the job's consumers and producers without this prefix. */
    public static final String CLIENT_PROPERTIES_PREFIX = "funnelflow.kafka.properties.";

    private KafkaOptions() {}

    /** Where a consumer group without committed offsets starts reading the clickstream. */
    public enum StartingOffsets {
        /** New records only: a fresh deployment answers today's traffic, not the topic's retained week. */
        LATEST,
        /** The whole retained topic: replays and tests that produce before the job starts. */
        EARLIEST
    }

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = key("funnelflow.kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092")
            .withDescription("Kafka brokers to read the clickstream from and write outputs to.");

    public static final ConfigOption<String> GROUP_ID = key("funnelflow.kafka.group-id")
            .stringType().defaultValue("funnelflow")
            .withDescription("Consumer group id; offsets are committed on checkpoints (for monitoring lag only).");

    public static final ConfigOption<StartingOffsets> STARTING_OFFSETS = key("funnelflow.kafka.starting-offsets")
            .enumType(StartingOffsets.class).defaultValue(StartingOffsets.LATEST)
            .withDescription("Where the clickstream source starts when its consumer group has no committed offsets:"
                    + " LATEST (new records only) or EARLIEST (the whole retained topic). A group with committed"
                    + " offsets continues from them; a job restored from a checkpoint or savepoint from its state.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX = key("funnelflow.kafka.transactional-id-prefix")
            .stringType().defaultValue("funnelflow")
            .withDescription("Prefix of the sinks' transactional ids; keep it stable across restarts of one job.");

    public static final ConfigOption<String> DELIVERY_GUARANTEE = key("funnelflow.kafka.delivery-guarantee")
            .stringType().defaultValue("exactly-once")
            .withDescription("exactly-once (outputs become visible to read_committed consumers on each checkpoint)"
                    + " or at-least-once (visible at once, duplicates possible after a failure).");

    public static final ConfigOption<Duration> TRANSACTION_TIMEOUT = key("funnelflow.kafka.transaction-timeout")
            .durationType().defaultValue(Duration.ofMinutes(15))
            .withDescription("Producer transaction.timeout.ms; must not exceed the broker's transaction.max.timeout.ms.");
}
