package dev.funnelflow.e2e;

import dev.funnelflow.job.ClickstreamJob;
import dev.funnelflow.job.JobConfig;
import dev.funnelflow.job.KafkaJob;
import dev.funnelflow.job.LocalRuntime;
import dev.funnelflow.job.Topic;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Shared steps of the end-to-end tests: feed the clickstream topic, start the production job on a MiniCluster. */
final class E2e {

    /** A clickstream record: the user id key (null for records too broken to have one) and the raw value. */
    record Input(String key, byte[] value) {}

    /** Every topic the job reads or writes: it refuses to start without them. */
    static final Map<String, Integer> TOPICS = Topic.partitions(2);

    private E2e() {}

    static void produce(String bootstrap, List<Input> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Input record : records) {
                byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(Topic.CLICKSTREAM.topicName(), key, record.value()));
            }
        }
    }

    /**
     * Starts the Kafka job as production wires it, with fast checkpoints and deterministic popularity (every event
     * counts, no read cache) so that tests can predict outputs.
     */
    static JobClient startJob(String bootstrap, String transactionalIdPrefix, Map<String, String> extra)
            throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "funnelflow.kafka.bootstrap-servers", bootstrap,
                "funnelflow.kafka.transactional-id-prefix", transactionalIdPrefix,
                "execution.checkpointing.interval", "500 ms",
                "funnelflow.recs.popularity-sample-rate", "1",
                "funnelflow.recs.popularity-refresh", "0 ms",
                "parallelism.default", "2"));
        options.putAll(extra);
        Configuration config = JobConfig.load(null, options);
        LocalRuntime.useTemporaryCheckpointDir(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        KafkaJob.define(env, config);
        return env.executeAsync(ClickstreamJob.NAME);
    }
}
