package dev.funnelflow.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.job.LocalRuntime;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job's exactly-once sink on a real broker. The connector's own sink leaves one admin client thread per writer
 * running (checked when this class was written); testing that here would leave them reconnecting to the stopped
 * broker for the rest of the test run.
 */
class AdminReleasingKafkaSinkTest {

    private static final int RECORDS = 40;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Map.of("released", 2));
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void theJobsSinkCommitsEverythingAndLeavesNoAdminClientBehind() throws Exception {
        Set<String> before = adminClientThreads();
        Configuration config = config();

        run(config, KafkaIO.sink(config, "released", false));

        assertThat(committedValues("released")).hasSize(RECORDS);
        assertThat(adminClientThreads()).isSubsetOf(before);
    }

    private static Configuration config() {
        Configuration config = JobConfig.load(null, Map.of(
                "funnelflow.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "funnelflow.kafka.transactional-id-prefix", "admin-test-" + System.nanoTime(),
                "parallelism.default", "2",
                "execution.checkpointing.interval", "200 ms",
                "execution.checkpointing.min-pause", "0 ms"));
        LocalRuntime.useTemporaryCheckpointDir(config);
        return config;
    }

    private static void run(Configuration config, Sink<OutputRecord> sink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        List<OutputRecord> records = IntStream.range(0, RECORDS)
                .mapToObj(i -> new OutputRecord(bytes("k" + i), bytes("v" + i))).toList();
        env.fromData(records).returns(OutputRecord.class).sinkTo(sink);
        env.execute("admin-client-release");
    }

    private static Set<String> adminClientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("kafka-admin-client-thread"))
                .collect(Collectors.toSet());
    }

    private static List<String> committedValues(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "admin-test-" + topic);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < RECORDS && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
