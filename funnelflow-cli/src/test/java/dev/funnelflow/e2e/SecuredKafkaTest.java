package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.funnelflow.io.Topic;
import dev.funnelflow.kafka.EmbeddedKafka;
import dev.funnelflow.kafka.EmbeddedKafka.PlainLogin;
import dev.funnelflow.kafka.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job talks to a broker that demands a SASL login, or TLS, with the client settings given as ordinary
 * configuration ({@code funnelflow.kafka.properties.*}), and no secret appears in any log line, with Kafka and
 * Flink logging at INFO (where clients print their whole configuration), nor in the broker's log file.
 */
class SecuredKafkaTest {

    /** A refused login or handshake fails the client at once; the bound only leaves room for a busy machine. */
    private static final Duration REFUSAL_WAIT = Duration.ofSeconds(10);
    /** A plaintext client talking to a TLS listener is never answered and waits this long: keep it short. */
    private static final Duration NO_ANSWER_WAIT = Duration.ofSeconds(3);

    @Test
    void theJobLogsInWithSaslFromItsConfigurationAndNeverLogsTheSecret() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        PlainLogin login = new PlainLogin("funnelflow", password);
        CapturedLogs logs = CapturedLogs.atInfo();
        try (logs; EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withLogin(login))) {
            kafka.createTopics(E2e.TOPICS);
            assertThatThrownBy(() -> send(kafka, new PlainLogin("funnelflow", "wrong").clientProperties(), REFUSAL_WAIT))
                    .as("the broker really checks the login").hasRootCauseInstanceOf(SaslAuthenticationException.class);

            runJobUntilItRecommends(kafka, "sasl-");
            assertThat(kafka.logFile()).content().doesNotContain(password);  // the broker logs in its own process
        }
        assertThat(logs.text())
                .as("clients did log their configuration").contains("sasl.jaas.config = [hidden]")
                .doesNotContain(password);
    }

    @Test
    void theJobTalksTlsFromItsConfigurationAndNeverLogsTheStorePasswords(@TempDir Path dir) throws Exception {
        EmbeddedKafka.TlsStores tls = TestCertificates.selfSignedLoopback(dir);
        CapturedLogs logs = CapturedLogs.atInfo();
        try (logs; EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withTls(tls))) {
            kafka.createTopics(E2e.TOPICS);
            assertThatThrownBy(() -> send(kafka, Map.of(), NO_ANSWER_WAIT))
                    .as("a plaintext client is never answered").hasRootCauseInstanceOf(TimeoutException.class);
            assertThatThrownBy(() -> send(kafka, Map.of("security.protocol", "SSL"), REFUSAL_WAIT))
                    .as("a client that does not trust the broker's certificate fails the handshake")
                    .hasCauseInstanceOf(SslAuthenticationException.class);

            runJobUntilItRecommends(kafka, "tls-");
            assertThat(kafka.logFile()).content()  // the broker logs in its own process
                    .doesNotContain(tls.keyStorePassword())
                    .doesNotContain(tls.trustStorePassword());
        }
        assertThat(logs.text())
                .as("clients did log their configuration").contains("ssl.truststore.password = [hidden]")
                .doesNotContain(tls.keyStorePassword())
                .doesNotContain(tls.trustStorePassword());
    }

    /**
     * Runs the job with the broker's client settings as {@code funnelflow.kafka.properties.*} options only, feeds it
     * views with the same settings and waits for committed recommendations read with them too.
     */
    private static void runJobUntilItRecommends(EmbeddedKafka kafka, String transactionalIdPrefix) throws Exception {
        Map<String, String> options = new HashMap<>();
        kafka.clientProperties().forEach((key, value) -> options.put("funnelflow.kafka.properties." + key, value));
        try (CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers(), kafka.clientProperties())) {
            JobClient job = E2e.startJob(kafka.bootstrapServers(), transactionalIdPrefix + UUID.randomUUID(), options);
            try {
                E2e.produce(kafka.bootstrapServers(), kafka.clientProperties(), List.of(view(1, "a"), view(2, "b"),
                        view(3, "c"), view(4, "d")));
                // The first view finds nothing to recommend, the second only popularity if its sample came first;
                // the third and fourth find the lists their session's earlier views taught.
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    outputs.poll();
                    return outputs.recommendations.size() >= 2;
                });
            } finally {
                job.cancel().get();
            }
        }
    }

    private static void send(EmbeddedKafka kafka, Map<String, String> clientProperties, Duration maxBlock)
            throws Exception {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topic.CLICKSTREAM.topicName(), "u", "{}")).get();
        }
    }

    private static E2e.Input view(int second, String item) {
        String json = "{\"event_id\":\"e" + second + "\",\"event_time\":\"2026-03-01T10:00:0" + second + "Z\",\"user_id\":\"u\","
                + "\"session_id\":\"s\",\"type\":\"view\",\"item_id\":\"" + item + "\",\"category_id\":\"c\"}";
        return new E2e.Input("u", json.getBytes(StandardCharsets.UTF_8));
    }
}
