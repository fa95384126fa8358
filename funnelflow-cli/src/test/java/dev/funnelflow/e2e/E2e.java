package dev.funnelflow.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.control.CommandSigner;
import dev.funnelflow.control.TestCommands;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.generator.GeneratedRecord;
import dev.funnelflow.io.Topic;
import dev.funnelflow.job.ClickstreamJob;
import dev.funnelflow.job.KafkaJob;
import dev.funnelflow.job.LocalRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Shared steps of the end-to-end tests: feed the clickstream topic, start the production job on a MiniCluster. */
final class E2e {

    /**
     * A clickstream record: the user id key (null for records too broken to have one), the raw value, and the
     * partition to write it to (null: the key's partition, as producers do).
     */
    record Input(String key, byte[] value, Integer partition) {
        Input(String key, byte[] value) {
            this(key, value, null);
        }
    }

    /** Every topic the job reads or writes: it refuses to start without them. */
    static final Map<String, Integer> TOPICS = Topic.partitions(2);

    private static String controlSecretFile;

    private E2e() {}

    /** Writes the records to the clickstream topic, in order; returns where each one landed. */
    static List<RecordMetadata> produce(String bootstrap, List<Input> records) throws Exception {
        return produce(bootstrap, Map.of(), Topic.CLICKSTREAM, records);
    }

    /** Writes the records to the clickstream topic with extra client settings, e.g. a SASL login. */
    static List<RecordMetadata> produce(String bootstrap, Map<String, String> clientProperties, List<Input> records)
            throws Exception {
        return produce(bootstrap, clientProperties, Topic.CLICKSTREAM, records);
    }

    /**
     * Writes one command to the control topic, signed with the test key as {@code funnelflow control send} would
     * (issued_by and a promotion's model_sha256 filled in when missing).
     */
    static void sendControl(String bootstrap, String subject, String json) throws Exception {
        ObjectNode signed = CommandSigner.sign(json.getBytes(StandardCharsets.UTF_8), "e2e-test", Instant.now(),
                TestCommands.secret());
        sendControlRecord(bootstrap, subject, CommandSigner.toJson(signed));
    }

    /** Writes {@code json} to the control topic as it is, e.g. unsigned. */
    static void sendControlRecord(String bootstrap, String subject, String json) throws Exception {
        produce(bootstrap, Map.of(), Topic.CONTROL, List.of(new Input(subject, json.getBytes(StandardCharsets.UTF_8))));
    }

    /** The test key in a file, as the job reads it ({@code funnelflow.control.hmac-secret-file}). */
    static synchronized String controlSecretFile() {
        if (controlSecretFile == null) {
            try {
                Path file = Files.createTempFile("funnelflow-test-control-key-", "");
                file.toFile().deleteOnExit();
                Files.writeString(file, TestCommands.SECRET + "\n");
                controlSecretFile = file.toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return controlSecretFile;
    }

    private static List<RecordMetadata> produce(String bootstrap, Map<String, String> clientProperties, Topic topic,
            List<Input> records) throws Exception {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Input record : records) {
                byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(new ProducerRecord<>(topic.topicName(), record.partition(), key, record.value())));
            }
        }
        List<RecordMetadata> positions = new ArrayList<>(sent.size());
        for (Future<RecordMetadata> position : sent) {
            positions.add(position.get());
        }
        return positions;
    }

    /**
     * Job options for tests: fast checkpoints and deterministic popularity (every event counts, no read cache),
     * so that tests can predict outputs.
     */
    static Map<String, String> testJobOptions(String bootstrap, String transactionalIdPrefix) {
        return Map.ofEntries(Map.entry("funnelflow.control.hmac-secret-file", controlSecretFile()),
                // The tests' commands are dated in their data's past, long before the records carrying them.
                Map.entry("funnelflow.control.max-age", "3650 d"),
                Map.entry("funnelflow.kafka.bootstrap-servers", bootstrap),
                Map.entry("funnelflow.kafka.transactional-id-prefix", transactionalIdPrefix),
                // The tests may produce before the source has looked up the end offsets.
                Map.entry("funnelflow.kafka.starting-offsets", "EARLIEST"),
                Map.entry("execution.checkpointing.interval", "500 ms"),
                Map.entry("funnelflow.recs.popularity-sample-rate", "1"),
                Map.entry("funnelflow.recs.popularity-refresh", "0 ms"),
                Map.entry("parallelism.default", "2"));
    }

    /** Distinct good view/click/add_to_cart events: each should get exactly one list. */
    static Set<String> triggeringEventIds(List<GeneratedRecord> records) {
        EventParser parser = new EventParser(1 << 20, Duration.ofDays(3650));
        Set<String> ids = new HashSet<>();
        for (GeneratedRecord record : records) {
            Ingested parsed = parser.parse(record.value(), new RecordOrigin("t", 0, 0));
            if (parsed.isAccepted() && parsed.event().type().triggersRecommendation()) {
                ids.add(parsed.event().eventId());
            }
        }
        return ids;
    }

    /** Starts the Kafka job as production wires it, on a MiniCluster, with {@link #testJobOptions}. */
    static JobClient startJob(String bootstrap, String transactionalIdPrefix, Map<String, String> extra)
            throws Exception {
        Map<String, String> options = new HashMap<>(testJobOptions(bootstrap, transactionalIdPrefix));
        options.putAll(extra);
        Configuration config = JobConfig.load(null, options);
        LocalRuntime.useTemporaryCheckpointDir(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        KafkaJob.define(env, config);
        return env.executeAsync(ClickstreamJob.NAME);
    }
}
