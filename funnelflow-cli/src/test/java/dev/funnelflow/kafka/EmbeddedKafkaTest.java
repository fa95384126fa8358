package dev.funnelflow.kafka;

import dev.funnelflow.io.KafkaTopicsAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import kafka.server.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real broker (in a child process) and talks to it with the ordinary Kafka clients. */
class EmbeddedKafkaTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void consumerGroupReadsEveryRecordProduced() {
        kafka.createTopics(Map.of("plain", 3));
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of(), new StringSerializer())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>("plain", "user-" + i % 5, "event-" + i));
            }
        }

        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(kafka,
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "readers"), new StringDeserializer())) {
            consumer.subscribe(List.of("plain"));
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
                return values.size() >= 30;
            });
        }
        assertThat(values).hasSize(30).doesNotHaveDuplicates().allMatch(value -> value.startsWith("event-"));
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        kafka.createTopics(Map.of("transactional", 1));
        try (KafkaProducer<String, String> producer = producer(kafka,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-test"), new StringSerializer())) {
            producer.initTransactions();
            sendInTransaction(producer, "transactional", List.of("committed-1", "committed-2"));
            producer.commitTransaction();
            sendInTransaction(producer, "transactional", List.of("aborted-1", "aborted-2"));
            producer.flush();  // the aborted records really reach the log before the abort marker
            producer.abortTransaction();
            sendInTransaction(producer, "transactional", List.of("committed-3"));
            producer.commitTransaction();
        }

        assertThat(readToEnd(kafka, "transactional", "read_committed", new StringDeserializer()))
                .extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "committed-3");
        assertThat(readToEnd(kafka, "transactional", "read_uncommitted", new StringDeserializer()))
                .extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "aborted-1", "aborted-2", "committed-3");
    }

    @Test
    void twoMebibyteRecordRoundTrips() {
        kafka.createTopics(Map.of("oversize", 1));
        byte[] payload = new byte[2 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        try (KafkaProducer<String, byte[]> producer = producer(kafka,
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EmbeddedKafka.MAX_MESSAGE_BYTES), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("oversize", "big", payload));
        }

        List<ConsumerRecord<String, byte[]>> records =
                readToEnd(kafka, "oversize", "read_committed", new ByteArrayDeserializer());
        assertThat(records).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(payload));
    }

    @Test
    void createTopicsLeavesExistingTopicsAlone() {
        kafka.createTopics(Map.of("existing", 2));
        kafka.createTopics(Map.of("existing", 2, "added", 1));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of("existing", "added")).allTopicNames().toCompletionStage()
                    .toCompletableFuture().join())
                    .hasEntrySatisfying("existing", description -> assertThat(description.partitions()).hasSize(2))
                    .hasEntrySatisfying("added", description -> assertThat(description.partitions()).hasSize(1));
        }
    }

    @Test
    void deletedTopicsCanBeCreatedAfreshAndEmpty() {
        kafka.createTopics(Map.of("recreated", 1));
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("recreated", "user", "before"));
        }
        assertThat(readToEnd(kafka, "recreated", "read_uncommitted", new StringDeserializer())).hasSize(1);

        kafka.deleteAllTopics();
        kafka.createTopics(Map.of("recreated", 1));

        assertThat(readToEnd(kafka, "recreated", "read_uncommitted", new StringDeserializer())).isEmpty();
    }

    @Test
    void requireTopicsNamesEveryMissingTopicInOneLine() {
        kafka.createTopics(Map.of("present", 1));
        Properties client = new Properties();
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());

        KafkaTopicsAdmin.requireTopics(client, List.of("present"));
        assertThatThrownBy(() -> KafkaTopicsAdmin.requireTopics(client, List.of("present", "missing-b", "missing-a")))
                .isInstanceOfSatisfying(KafkaTopicsAdmin.MissingTopicsException.class,
                        e -> assertThat(e.missingTopics()).containsExactly("missing-a", "missing-b"))
                .hasMessage("Missing Kafka topics on " + kafka.bootstrapServers()
                        + ": missing-a, missing-b (topics are not auto-created: create them first)");
    }

    @Test
    void requireTopicsFailsClearlyWhenNoClusterAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "127.0.0.1:" + closedPort;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, nowhere))) {
            assertThatThrownBy(() -> KafkaTopicsAdmin.requireTopics(admin, nowhere, List.of("clickstream"), Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Could not list the topics of Kafka cluster " + nowhere);
        }
    }

    @Test
    void producedRecordsStayWithTheirOwnBrokerWhenTwoMoreStartConcurrently() {
        CompletableFuture<EmbeddedKafka> startingFirst = CompletableFuture.supplyAsync(EmbeddedKafka::start);
        CompletableFuture<EmbeddedKafka> startingSecond = CompletableFuture.supplyAsync(EmbeddedKafka::start);
        try (EmbeddedKafka first = startingFirst.join(); EmbeddedKafka second = startingSecond.join()) {
            assertThat(List.of(kafka.port(), first.port(), second.port())).doesNotHaveDuplicates();
            for (EmbeddedKafka broker : List.of(first, second)) {
                broker.createTopics(Map.of("side-by-side", 1));
                try (KafkaProducer<String, String> producer = producer(broker, Map.of(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>("side-by-side", "key", broker.bootstrapServers()));
                }
            }
            for (EmbeddedKafka broker : List.of(first, second)) {
                assertThat(readToEnd(broker, "side-by-side", "read_committed", new StringDeserializer()))
                        .extracting(ConsumerRecord::value)
                        .containsExactly(broker.bootstrapServers());
            }
        }
    }

    @Test
    void fixedPortInUseFailsWithAClearMessage() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withPort(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("Address already in use")
                    .hasMessageContaining("another Kafka broker");
        }
    }

    @Test
    void restartOnTheSameLogDirKeepsTopicsAndRecords(@TempDir Path dir) {
        Path logDir = dir.resolve("kafka");
        try (EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withLogDir(logDir))) {
            broker.createTopics(Map.of("durable", 1));
            try (KafkaProducer<String, String> producer = producer(broker, Map.of(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("durable", "key", "kept"));
            }
        }
        assertThat(logDir.resolve("meta.properties")).exists();

        try (EmbeddedKafka restarted = EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withLogDir(logDir))) {
            restarted.awaitTopics(List.of("durable"), TIMEOUT);
            assertThat(readToEnd(restarted, "durable", "read_committed", new StringDeserializer()))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("kept");
        }
    }

    @Test
    void closeDeletesATemporaryLogDir() {
        EmbeddedKafka broker = EmbeddedKafka.start();
        Path logDir = broker.logDir();
        assertThat(logDir).isDirectory();
        broker.close();
        assertThat(logDir).doesNotExist();
    }

    @Test
    void brokerConfigUsesOnlyKeysThisKafkaVersionKnows() {
        // A key renamed in a Kafka upgrade would be ignored silently and its default (e.g. a 128 MiB cleaner buffer) used.
        EmbeddedKafka.Settings everything = EmbeddedKafka.Settings.defaults()
                .withLogin(new EmbeddedKafka.PlainLogin("u", "p"))
                .withTls(new EmbeddedKafka.TlsStores(Path.of("/tmp/unused.p12"), "k", Path.of("/tmp/unused-trust.p12"), "t"));
        assertThat(KafkaConfig.configDef().names())
                .containsAll(EmbeddedKafka.brokerConfig(Path.of("/tmp/unused"), 9092, 9093, everything).keySet().stream()
                        .filter(key -> !key.startsWith("listener.name.")).toList()); // per-listener keys are prefixed
    }

    @Test
    void servesTransactionsOverSaslAndTlsWithTheClientPropertiesItHandsOut(@TempDir Path dir) {
        EmbeddedKafka.Settings settings = EmbeddedKafka.Settings.defaults()
                .withLogin(new EmbeddedKafka.PlainLogin("funnelflow", "secret"))
                .withTls(TestCertificates.selfSignedLoopback(dir));
        try (EmbeddedKafka broker = EmbeddedKafka.start(settings)) {
            assertThat(broker.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                    .containsKeys("sasl.jaas.config", "ssl.truststore.location");
            broker.createTopics(Map.of("sasl-ssl", 1));
            // Commit markers travel over the broker's own connection to its SASL_SSL listener.
            try (KafkaProducer<String, String> producer = producer(broker,
                    Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sasl-ssl-test"), new StringSerializer())) {
                producer.initTransactions();
                sendInTransaction(producer, "sasl-ssl", List.of("over-tls"));
                producer.commitTransaction();
            }
            assertThat(readToEnd(broker, "sasl-ssl", "read_committed", new StringDeserializer()))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("over-tls");
        }
    }

    @Test
    void aBrokerThatCannotStartFailsWithTheEndOfItsLog(@TempDir Path dir) {
        EmbeddedKafka.TlsStores stores = TestCertificates.selfSignedLoopback(dir);
        Path missing = dir.resolve("missing.p12");  // the broker's key only: clients still find the truststore
        EmbeddedKafka.Settings unreadableKey = EmbeddedKafka.Settings.defaults()
                .withLogDir(dir.resolve("kafka"))
                .withTls(new EmbeddedKafka.TlsStores(missing, stores.keyStorePassword(), stores.trustStore(),
                        stores.trustStorePassword()));
        assertThatThrownBy(() -> EmbeddedKafka.start(unreadableKey))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited during start-up")
                .hasMessageContaining("end of " + dir.resolve("kafka").resolve(EmbeddedKafka.BROKER_LOG))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void theBrokerProcessEndsWhenItsParentIsKilled(@TempDir Path dir) throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + EmbeddedKafka.JVM_OPTIONS_PROPERTY + "=" + System.getProperty(EmbeddedKafka.JVM_OPTIONS_PROPERTY, ""),
                "-cp", System.getProperty("java.class.path"), BrokerParent.class.getName(), dir.toString())
                .redirectError(dir.resolve("parent.err").toFile())
                .start();
        long brokerPid;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            assertThat(line).as("the parent's first line (its errors: %s)", dir.resolve("parent.err")).startsWith("broker ");
            brokerPid = Long.parseLong(line.substring("broker ".length()));
        } finally {
            parent.destroyForcibly().waitFor();  // SIGKILL: no shutdown hook runs
        }
        ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();
        await().atMost(TIMEOUT).until(() -> !broker.isAlive());
    }

    /** A JVM that starts a broker, prints its pid and waits to be killed. */
    static final class BrokerParent {
        public static void main(String[] args) throws InterruptedException {
            EmbeddedKafka broker = EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withLogDir(Path.of(args[0], "kafka")));
            System.out.println("broker " + broker.brokerPid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void propertiesFilesKeepEveryCharacterOfAValue() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("jaas", "org.Module required username=\"u\" password=\"p=q;r\";");
        values.put("path", "C:\\kafka\\data #1!");
        values.put("spaces", "  leading and trailing  ");
        values.put("unicode", "d\u00e9j\u00e0\nvu\t");
        Properties read = new Properties();
        read.load(new StringReader(EmbeddedKafka.propertiesText("a comment", values)));
        assertThat(read).containsExactlyInAnyOrderEntriesOf(values);
    }

    private static void sendInTransaction(KafkaProducer<String, String> producer, String topic, List<String> values) {
        producer.beginTransaction();
        values.forEach(value -> producer.send(new ProducerRecord<>(topic, "key", value)));
    }

    private static <V> KafkaProducer<String, V> producer(EmbeddedKafka broker, Map<String, Object> extra,
                                                         Serializer<V> valueSerializer) {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.putAll(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), valueSerializer);
    }

    private static <V> KafkaConsumer<String, V> consumer(EmbeddedKafka broker, Map<String, Object> extra,
                                                         Deserializer<V> valueDeserializer) {
        Map<String, Object> config = new HashMap<>(broker.clientProperties());
        config.putAll(extra);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer);
    }

    /** Every record from the beginning up to the end offsets as {@code isolation} sees them (for read_committed, the last stable offset). */
    private static <V> List<ConsumerRecord<String, V>> readToEnd(EmbeddedKafka broker, String topic, String isolation,
                                                                 Deserializer<V> valueDeserializer) {
        try (KafkaConsumer<String, V> consumer = consumer(broker,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), valueDeserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> records = new ArrayList<>();
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= endOffsets.get(partition));
            });
            return records;
        }
    }
}
