package dev.funnelflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storefront and other consumers read FunnelFlow's topics with any Kafka client: here {@code kcat}
 * (librdkafka, Debian package {@code kcat}, installed on CI by {@code .ci/install-tools}) reads JSON records
 * written by the Java producer, committed ones only. Skipped when kcat is not installed.
 */
class KcatTest {

    private static final String TOPIC = "clickstream";

    @Test
    void kcatReadsOnlyCommittedJsonRecordsWrittenByTheJavaProducer(@TempDir Path dir) throws Exception {
        Optional<Path> kcat = findOnPath("kcat");
        assumeTrue(kcat.isPresent(), "kcat is not installed (run .ci/install-tools)");

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of(TOPIC, 2));
            Map<String, String> committed = Map.of(
                    "u1", "{\"event_id\":\"e1\",\"event_time\":\"2026-11-02T10:00:00Z\",\"user_id\":\"u1\",\"type\":\"view\",\"item_id\":\"i7\"}",
                    "u2", "{\"event_id\":\"e2\",\"event_time\":\"2026-11-02T10:00:01Z\",\"user_id\":\"u2\",\"type\":\"search\",\"query\":\"red shoes\"}",
                    "u3", "{\"event_id\":\"e3\",\"event_time\":\"2026-11-02T10:00:02Z\",\"user_id\":\"u3\",\"type\":\"purchase\",\"item_id\":\"i7\",\"price\":19.9,\"quantity\":1,\"order_id\":\"o1\"}");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kcat-test"), new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                committed.forEach((user, json) -> producer.send(new ProducerRecord<>(TOPIC, user, json)));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, "u9", "{\"event_id\":\"aborted\",\"user_id\":\"u9\",\"type\":\"view\"}"));
                producer.flush();
                producer.abortTransaction();
            }

            Path output = dir.resolve("kcat.out");
            Path errors = dir.resolve("kcat.err");
            Process process = new ProcessBuilder(kcat.get().toString(),
                    "-C", "-b", kafka.bootstrapServers(), "-t", TOPIC,
                    "-o", "beginning", "-e", "-q",
                    "-X", "isolation.level=read_committed",
                    "-f", "%k\\t%s\\n")
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String stderr = Files.readString(errors, StandardCharsets.UTF_8);
            assertThat(exited).as("kcat exits at the end of the topic; stderr: %s", stderr).isTrue();
            assertThat(process.exitValue()).as("kcat exit code; stderr: %s", stderr).isZero();

            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            assertThat(lines).containsExactlyInAnyOrderElementsOf(
                    committed.entrySet().stream().map(entry -> entry.getKey() + "\t" + entry.getValue()).toList());
        }
    }

    private static Optional<Path> findOnPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
