package dev.funnelflow.io;

import static dev.funnelflow.io.KafkaOptions.*;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The job's Kafka source and sinks, configured from Flink configuration. Any option
 * {@code funnelflow.kafka.properties.<name>} is passed to every Kafka client as {@code <name>} (e.g. SASL/SSL).
 */
public final class KafkaIO {

    /** Outputs whose readers wait on each record: the storefront on its list, the fraud team on its alert. */
    private static final Set<Topic> SENT_AT_ONCE = EnumSet.of(Topic.RECOMMENDATIONS, Topic.ALERTS);

    private KafkaIO() {}

    public static KafkaSource<Ingested> clickstreamSource(ReadableConfig config, EventParser parser) {
        return clickstreamSourceBuilder(config, parser).build();
    }

    /**
     * The clickstream source before {@code build()}, for callers that bound it (benchmarks). A new job starts at
     * the group's committed offsets, or where {@code funnelflow.kafka.starting-offsets} says for a new group; a
     * restored job continues from its checkpoint.
     */
    public static KafkaSourceBuilder<Ingested> clickstreamSourceBuilder(ReadableConfig config, EventParser parser) {
        Properties properties = clientProperties(config);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return KafkaSource.<Ingested>builder()
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setTopics(Topic.CLICKSTREAM.topicName())
                .setGroupId(config.get(GROUP_ID))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(switch (config.get(STARTING_OFFSETS)) {
                    case LATEST -> OffsetResetStrategy.LATEST;
                    case EARLIEST -> OffsetResetStrategy.EARLIEST;
                }))
                .setDeserializer(new IngestDeserializer(parser))
                .setProperties(properties);
    }

    public static KafkaSource<byte[]> controlSource(ReadableConfig config) {
        return controlSourceBuilder(config).build();
    }

    /** Runtime changes (rules, models, forget-user), read from the beginning so a new job knows them all. */
    public static KafkaSourceBuilder<byte[]> controlSourceBuilder(ReadableConfig config) {
        Properties properties = clientProperties(config);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return KafkaSource.<byte[]>builder()
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setTopics(Topic.CONTROL.topicName())
                .setGroupId(config.get(GROUP_ID) + "-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawBytesDeserializer())
                .setProperties(properties);
    }

    public static OutputSinks sinks(ReadableConfig config) {
        return topic -> sink(config, topic.topicName(), SENT_AT_ONCE.contains(topic));
    }

    /**
     * A sink to one topic with the configured delivery guarantee; exactly-once commits on checkpoints. With
     * {@code sendAtOnce} its producer does not wait to batch ({@link #producerProperties}).
     *
     * <p>Transactional ids come from a small reused pool, and a restarted writer aborts whatever transaction the
     * broker lists as open under its ids. The connector's default names each transaction after the checkpoint that
     * follows it and, on restart, aborts ids upwards until the first unused one; a checkpoint that failed to start
     * leaves a gap there, so a second failure soon after a restart could leave a transaction open, holding back
     * every committed-only reader of the topic until the transaction times out (15 minutes by default). It also leaves
     * the broker a new id to remember for a week at every checkpoint of every writer. The writers close the admin
     * client that listing needs ({@link AdminReleasingKafkaSink}).
     */
    public static Sink<OutputRecord> sink(ReadableConfig config, String topic, boolean sendAtOnce) {
        return new AdminReleasingKafkaSink<>(KafkaSink.<OutputRecord>builder()
                .setBootstrapServers(config.get(BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(producerProperties(config, sendAtOnce))
                .setRecordSerializer(new WallClockStamped(topic))
                .setDeliveryGuarantee(deliveryGuarantee(config.get(DELIVERY_GUARANTEE)))
                .setTransactionalIdPrefix(config.get(TRANSACTIONAL_ID_PREFIX) + "-" + topic)
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .build());
    }

    /**
     * Output records carry no timestamp of their own, so the producer stamps each with its wall clock. The connector's
     * default stamps them with the Flink record's timestamp, the input's event time: a broker refuses one more than
     * {@code message.timestamp.after.max.ms} (1 h by default) ahead of its clock, and an exactly-once sink then fails
     * the job on every restart from the same checkpoint; outputs of replayed history would be past retention at once.
     * Readers find an output's event time in its JSON ({@code event_time}, {@code window_end}).
     */
    record WallClockStamped(String topic)
            implements KafkaRecordSerializationSchema<OutputRecord>, KafkaDatasetFacetProvider {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, record.key(), record.value());
        }

        /** The pooled transaction naming asks the serializer for its topics. */
        @Override
        public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
            return Optional.of(new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
        }
    }

    /**
     * The sinks' producer settings, each unless {@code funnelflow.kafka.properties.*} says otherwise:
     * <ul>
     *   <li>LZ4 batches. The outputs are JSON that shrinks several-fold, so the broker checks and stores far fewer
     *       bytes (in {@code bench}, the broker's CPU per event fell by a fifth for a few percent more in the writers).
     *   <li>A 10 ms retry backoff. At each checkpoint an exactly-once sink initialises its next pooled transaction
     *       inside the task's synchronous checkpoint phase, and that call is retried at least once; at Kafka's 100 ms
     *       default the sink chains paused 97–102 ms per checkpoint, at 10 ms 44–67 ms
     *       ({@code docs/performance-history.md}).
     *   <li>With {@code sendAtOnce}, no linger. Kafka's 5 ms default made up most of the time from a recommendation's
     *       ranking to its append (p50 7 ms, 2–3 ms without it, in {@code bench} at 1,000 events/s) and cost nothing
     *       measurable at the pipeline's rates; batches still form while a request is in flight.
     * </ul>
     */
    static Properties producerProperties(ReadableConfig config, boolean sendAtOnce) {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.setProperty(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "10");
        if (sendAtOnce) {
            properties.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        }
        properties.putAll(clientProperties(config));
        properties.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                String.valueOf(config.get(TRANSACTION_TIMEOUT).toMillis()));
        return properties;
    }

    private static DeliveryGuarantee deliveryGuarantee(String name) {
        return switch (name) {
            case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
            case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
            default -> throw new IllegalArgumentException(
                    DELIVERY_GUARANTEE.key() + " must be exactly-once or at-least-once, got '" + name + "'");
        };
    }

    /** Client settings from {@code funnelflow.kafka.properties.*}; values are never logged (they hold secrets). */
    public static Properties clientProperties(ReadableConfig config) {
        Properties properties = new Properties();
        config.toMap().forEach((key, value) -> {
            if (key.startsWith(CLIENT_PROPERTIES_PREFIX)) {
                properties.setProperty(key.substring(CLIENT_PROPERTIES_PREFIX.length()), value);
            }
        });
        return properties;
    }
}
