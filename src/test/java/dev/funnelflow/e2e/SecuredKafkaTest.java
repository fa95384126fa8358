package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.funnelflow.job.Topic;
import dev.funnelflow.kafka.EmbeddedKafka;
import dev.funnelflow.kafka.EmbeddedKafka.PlainLogin;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job talks to a broker that demands a SASL login, with the login given as ordinary configuration
 * ({@code funnelflow.kafka.properties.*}), and its secret appears in no log line, with Kafka and Flink logging at
 * INFO (where clients print their whole configuration).
 */
class SecuredKafkaTest {

    private final StringWriter logs = new StringWriter();
    private final LoggerContext logging = (LoggerContext) LogManager.getContext(false);

    @AfterEach
    void restoreLogging() {
        logging.reconfigure();
    }

    @Test
    void theJobLogsInWithSaslFromItsConfigurationAndNeverLogsTheSecret() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        PlainLogin login = new PlainLogin("funnelflow", password);
        captureLogsAtInfo();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Settings.defaults().withLogin(login));
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers(), login.clientProperties())) {
            kafka.createTopics(E2e.TOPICS);
            assertThatThrownBy(() -> send(kafka, new PlainLogin("funnelflow", "wrong")))
                    .as("the broker really checks the login").hasRootCauseInstanceOf(SaslAuthenticationException.class);

            Map<String, String> options = new HashMap<>();
            login.clientProperties().forEach((key, value) -> options.put("funnelflow.kafka.properties." + key, value));
            JobClient job = E2e.startJob(kafka.bootstrapServers(), "sasl-" + UUID.randomUUID(), options);
            try {
                E2e.produce(kafka.bootstrapServers(), login.clientProperties(), List.of(view(1, "a"), view(2, "b"),
                        view(3, "c")));
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    outputs.poll();
                    return outputs.recommendations.size() >= 2; // the first view finds nothing to recommend
                });
            } finally {
                job.cancel().get();
            }
        }
        assertThat(logs.toString())
                .as("clients did log their configuration").contains("sasl.jaas.config = [hidden]")
                .doesNotContain(password);
    }

    private void captureLogsAtInfo() {
        WriterAppender appender = WriterAppender.newBuilder().setName("secured-kafka-test").setTarget(logs)
                .setLayout(PatternLayout.newBuilder().withPattern("%c %m%n").build()).build();
        appender.start();
        logging.getConfiguration().addAppender(appender);
        // Only to the capture: the console would print every INFO line of Flink and Kafka.
        logging.getRootLogger().getAppenders().values().forEach(logging.getRootLogger()::removeAppender);
        logging.getRootLogger().addAppender(appender);
        Configurator.setLevel(Map.of("org.apache.kafka", Level.INFO, "org.apache.flink", Level.INFO,
                "dev.funnelflow", Level.INFO));
    }

    private static void send(EmbeddedKafka kafka, PlainLogin login) throws Exception {
        Map<String, Object> config = new HashMap<>(login.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
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
