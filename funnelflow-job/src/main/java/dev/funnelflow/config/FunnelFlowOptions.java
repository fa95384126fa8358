package dev.funnelflow.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.funnelflow.event.LatePolicy;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;

/**
 * Every FunnelFlow setting, declared once with its default and description. Set them like any Flink option: in
 * {@code flink-jobs/clickstream.yaml}, a {@code --config} file, {@code -Dkey=value}, or the cluster's config.
 */
public final class FunnelFlowOptions {

    private FunnelFlowOptions() {}

    public static final ConfigOption<MemorySize> MAX_RECORD_SIZE = key("funnelflow.ingest.max-record-size")
            .memoryType().defaultValue(MemorySize.parse("1mb"))
            .withDescription("Larger clickstream records go to the dead-letter topic as 'oversize' unparsed.");

    public static final ConfigOption<Duration> MAX_CLOCK_SKEW = key("funnelflow.ingest.max-clock-skew")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("How far an event time may lie ahead of when its record reached Kafka (or of the ingest"
                    + " clock, whichever is earlier); further ahead is dead-lettered as 'future_event'. At most the"
                    + " allowed lateness, so that no accepted event can move the watermark past events still on time.");

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("funnelflow.ingest.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5))
            .withDescription("Bound on event-time disorder within a partition: the watermark trails the newest event by this.");

    public static final ConfigOption<Duration> IDLENESS = key("funnelflow.ingest.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30))
            .withDescription("A partition without records for this long stops holding back the watermark.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS = key("funnelflow.ingest.allowed-lateness")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("Events this far behind the watermark are late and handled by late-policy.");

    public static final ConfigOption<LatePolicy> LATE_POLICY = key("funnelflow.ingest.late-policy")
            .enumType(LatePolicy.class).defaultValue(LatePolicy.DEAD_LETTER)
            .withDescription("What to do with late events: PROCESS or DEAD_LETTER.");

    public static final ConfigOption<Duration> DEDUP_TTL = key("funnelflow.ingest.dedup-ttl")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("How long an event_id is remembered to drop re-sent copies (bounds dedup state).");

    public static final ConfigOption<Duration> SESSION_GAP = key("funnelflow.session.gap")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("Inactivity that ends a session when events carry no session_id.");

    public static final ConfigOption<Integer> SESSION_ITEMS = key("funnelflow.session.items")
            .intType().defaultValue(5)
            .withDescription("Recent distinct items of the session that feed a recommendation.");

    public static final ConfigOption<Duration> USER_STATE_TTL = key("funnelflow.user.state-ttl")
            .durationType().defaultValue(Duration.ofDays(30))
            .withDescription("A user's profile is dropped after this long without events.");

    public static final ConfigOption<Integer> USER_PROFILE_CACHE = key("funnelflow.user.profile-cache")
            .intType().defaultValue(5000)
            .withDescription("User profiles each user-activity subtask keeps deserialized on the heap; their changes"
                    + " reach RocksDB when they leave it and before each checkpoint. 0 reads and writes state per event.");

    public static final ConfigOption<Integer> RECS_K = key("funnelflow.recs.k")
            .intType().defaultValue(20)
            .withDescription("Items per recommendation list.");

    public static final ConfigOption<Integer> RECS_NEIGHBOURS = key("funnelflow.recs.neighbours")
            .intType().defaultValue(100)
            .withDescription("Co-visitation neighbours kept per item.");

    public static final ConfigOption<Integer> RECS_NEIGHBOURS_RETURNED = key("funnelflow.recs.neighbours-returned")
            .intType().defaultValue(50)
            .withDescription("Neighbours of the viewed item considered per recommendation; an older session item"
                    + " sends a share in proportion to its weight (1/2, 1/3, ...).");

    public static final ConfigOption<Integer> RECS_POPULAR_ITEMS = key("funnelflow.recs.popular-items")
            .intType().defaultValue(200)
            .withDescription("Items kept per category (and shop-wide) popularity list.");

    public static final ConfigOption<Duration> RECS_HALF_LIFE = key("funnelflow.recs.half-life")
            .durationType().defaultValue(Duration.ofDays(7))
            .withDescription("Event time after which co-visitation and popularity evidence counts half.");

    public static final ConfigOption<Double> RECS_BACKWARD_WEIGHT = key("funnelflow.recs.backward-weight")
            .doubleType().defaultValue(0.5)
            .withDescription("Weight of 'viewed before' relative to 'viewed after' in co-visitation.");

    public static final ConfigOption<Double> RECS_POPULARITY_WEIGHT = key("funnelflow.recs.popularity-weight")
            .doubleType().defaultValue(0.05)
            .withDescription("Weight of category popularity against the trigger item's neighbours (1).");

    public static final ConfigOption<List<String>> RECS_SOURCES = key("funnelflow.recs.sources")
            .stringType().asList().defaultValues("covisitation", "category-popular", "popular")
            .withDescription("Recommenders blended into each list; e.g. 'popular' alone is the popularity baseline.");

    public static final ConfigOption<Double> RECS_POPULARITY_SAMPLE_RATE = key("funnelflow.recs.popularity-sample-rate")
            .doubleType().defaultValue(0.1)
            .withDescription("Share of events (picked by event id) that update the hot popularity lists.");

    public static final ConfigOption<Duration> RECS_POPULARITY_REFRESH = key("funnelflow.recs.popularity-refresh")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("Event time a popularity list, once read, answers lookups for before it is read again.");

    public static final ConfigOption<Integer> RECS_LIST_CACHE = key("funnelflow.recs.list-cache")
            .intType().defaultValue(2000)
            .withDescription("Item lists each candidate-lists subtask keeps deserialized on the heap; their changes"
                    + " reach RocksDB when they leave it and before each checkpoint. 0 reads and writes state per event.");

    public static final ConfigOption<Duration> ITEM_STATE_TTL = key("funnelflow.recs.item-state-ttl")
            .durationType().defaultValue(Duration.ofDays(30))
            .withDescription("An item's neighbour list is dropped after this long without updates.");
}
