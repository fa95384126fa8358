package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.control.CommandSignature;
import dev.funnelflow.control.CommandSigner;
import dev.funnelflow.control.ControlParser;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.ModelFileCheck;
import dev.funnelflow.control.TestCommands;
import dev.funnelflow.event.Pseudonymiser;
import dev.funnelflow.io.Topic;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path secret;

    @BeforeEach
    void writeKey() throws Exception {
        secret = Files.writeString(dir.resolve("control.key"), TestCommands.SECRET + "\n");
    }

    @Test
    void signFillsInWhatItKnowsAndSignsWithTheKey() throws Exception {
        Path model = Files.writeString(dir.resolve("ctr-a.onnx"), "model bytes");
        Path command = Files.writeString(dir.resolve("promote.json"), """
                {"type": "model_promote", "model_name": "ranker-click", "model_version": "ctr-a", "path": "%s"}"""
                .formatted(model));

        CommandRun run = CommandRun.of(new FunnelFlow(), "control", "sign", "--secret-file", secret.toString(),
                "--file", command.toString(), "--issued-by", "ana");

        assertThat(run.exitCode()).as(run.err()).isZero();
        ObjectNode signed = (ObjectNode) JSON.readTree(run.out());
        assertThat(run.out().lines()).hasSize(1);
        assertThat(signed.get("issued_by").asText()).isEqualTo("ana");
        assertThat(signed.get("model_sha256").asText()).isEqualTo(ModelFileCheck.sha256(model));
        assertThat(signed.get("command_id").asText()).isNotEmpty();
        assertThat(signed.has("issued_at")).isTrue();
        assertThat(CommandSignature.verify(signed, TestCommands.secret())).isTrue();
    }

    @Test
    void aForgetSignedWithThePseudonymisationSecretNamesNoRawId() throws Exception {
        String privacySecret = "privacy-secret-of-the-job-0123456789abcdef";
        Path privacyKey = Files.writeString(dir.resolve("privacy.key"), privacySecret + "\n");
        Path command = Files.writeString(dir.resolve("forget.json"), """
                {"type": "forget_user", "user_id": "ann@example.com"}""");

        CommandRun run = CommandRun.of(new FunnelFlow(), "control", "sign", "--secret-file", secret.toString(),
                "--file", command.toString(), "--issued-by", "dpo", "--pseudonymise-with", privacyKey.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("ann@example.com");
        ObjectNode signed = (ObjectNode) JSON.readTree(run.out());
        String pseudonym = new Pseudonymiser(privacySecret.getBytes(StandardCharsets.UTF_8)).pseudonym("ann@example.com");
        assertThat(signed.get("user_pseudonym").asText()).isEqualTo(pseudonym);
        assertThat(CommandSigner.key(signed)).isEqualTo(pseudonym);
        assertThat(CommandSignature.verify(signed, TestCommands.secret())).isTrue();
        TopicSchemas.assertValid("control", run.out().strip());
        assertThat(new ControlParser(new FraudRuleParser(Long.MAX_VALUE))
                .parse(run.out().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ForgetUser(signed.get("command_id").asText(),
                        Instant.parse(signed.get("issued_at").asText()).toEpochMilli(), pseudonym, true));
    }

    @Test
    void controlAloneNamesItsSubcommands() {
        CommandRun run = CommandRun.of(new FunnelFlow(), "control");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing subcommand: one of sign, send");
    }

    @Test
    void refusesAShortKeyAndACommandWithoutItsSubject() throws Exception {
        Path shortKey = Files.writeString(dir.resolve("short.key"), "too short");
        Path command = Files.writeString(dir.resolve("delete.json"), """
                {"type": "rule_delete", "issued_by": "ana"}""");

        CommandRun weak = CommandRun.of(new FunnelFlow(), "control", "sign", "--secret-file", shortKey.toString(),
                "--file", command.toString());
        assertThat(weak.exitCode()).isEqualTo(2);
        assertThat(weak.firstErrorLine()).contains("has 9 bytes; use at least 32");
        assertThat(weak.err()).doesNotContain("too short");

        CommandRun noSubject = CommandRun.of(new FunnelFlow(), "control", "sign", "--secret-file", secret.toString(),
                "--file", command.toString());
        assertThat(noSubject.exitCode()).isEqualTo(2);
        assertThat(noSubject.firstErrorLine()).isEqualTo("the command has no rule_id");
    }

    @Test
    void sendProducesTheSignedCommandKeyedByItsSubject() throws Exception {
        Path command = Files.writeString(dir.resolve("forget.json"), """
                {"command_id": "f1", "type": "forget_user", "user_id": "ann", "issued_by": "dpo"}""");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of(Topic.CONTROL.topicName(), 1));

            CommandRun run = CommandRun.of(new FunnelFlow(), "control", "send", "--bootstrap-servers",
                    kafka.bootstrapServers(), "--secret-file", secret.toString(), "--file", command.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(JSON.readTree(run.out()).get("key").asText()).isEqualTo("ann");
            ConsumerRecord<byte[], byte[]> record = readOne(kafka.bootstrapServers());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("ann");
            ObjectNode sent = (ObjectNode) JSON.readTree(record.value());
            assertThat(sent.get("command_id").asText()).isEqualTo("f1");
            assertThat(CommandSignature.verify(sent, TestCommands.secret())).isTrue();
        }
    }

    private static ConsumerRecord<byte[], byte[]> readOne(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topic.CONTROL.topicName(), 0)));
            consumer.seekToBeginning(consumer.assignment());
            for (int polls = 0; polls < 600; polls++) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record on control within a minute");
    }
}
