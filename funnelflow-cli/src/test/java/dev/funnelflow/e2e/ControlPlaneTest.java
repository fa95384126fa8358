package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.control.CommandSigner;
import dev.funnelflow.control.ModelFileCheck;
import dev.funnelflow.control.TestCommands;
import dev.funnelflow.job.CollectingReporter;
import dev.funnelflow.kafka.EmbeddedKafka;
import dev.funnelflow.ranking.ContractModels;
import dev.funnelflow.ranking.Feature;
import dev.funnelflow.ranking.FeatureSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever can write to {@code control} but does not hold the key changes nothing: the real Kafka job on a
 * MiniCluster dead-letters unsigned and badly signed commands, a command dated in 2062, and promotions of a file
 * outside the models directory or with another hash, each with its reason, applies none of them, and keeps the
 * default fraud rule the unsigned {@code rule_delete} aimed at.
 */
class ControlPlaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_RULE = "new_account.instant_purchase";

    @TempDir
    Path dir;

    @AfterEach
    void clearMetrics() {
        CollectingReporter.clear();
    }

    @Test
    void unsignedForgedFutureAndUnknownModelCommandsAreDeadLetteredAndChangeNothing() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path model = ContractModels.clickModel(models, "ctr", "a", "2026-01-01T00:00:00Z", FeatureSchema.CURRENT,
                Feature.CANDIDATE_RANK, 1);
        Path elsewhere = Files.copy(model, Files.createDirectories(dir.resolve("elsewhere")).resolve("ctr-a.onnx"));
        Files.copy(Path.of(model.toString().replace(".onnx", ".json")), dir.resolve("elsewhere/ctr-a.json"));
        String sha = ModelFileCheck.sha256(model);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers())) {
            kafka.createTopics(E2e.TOPICS);
            String bootstrap = kafka.bootstrapServers();
            Map<String, String> options = new HashMap<>(CollectingReporter.configuration());
            options.put("funnelflow.ranking.models-dir", models.toString());
            options.put("parallelism.default", "1");
            JobClient job = E2e.startJob(bootstrap, "control-" + UUID.randomUUID(), options);
            try {
                E2e.sendControlRecord(bootstrap, DEFAULT_RULE, """
                        {"command_id": "no-sig", "type": "rule_delete", "issued_at": "%s", "issued_by": "mallory",
                         "rule_id": "%s"}""".formatted(Instant.now(), DEFAULT_RULE));
                ObjectNode forget = signed("""
                        {"command_id": "forged", "type": "forget_user", "user_id": "ann"}""");
                E2e.sendControlRecord(bootstrap, "bob", JSON.writeValueAsString(forget.put("user_id", "bob")));
                E2e.sendControlRecord(bootstrap, "ranker-click", """
                        {"command_id": "no-sig-model", "type": "model_promote", "issued_at": "%s", "issued_by": "mallory",
                         "model_name": "ranker-click", "model_version": "ctr-a", "path": "%s", "model_sha256": "%s"}"""
                        .formatted(Instant.now(), model, sha));
                E2e.sendControl(bootstrap, "ranker-click", promotion("elsewhere", elsewhere, sha));
                E2e.sendControl(bootstrap, "ranker-click", promotion("wrong-hash", model, "0".repeat(64)));
                E2e.sendControl(bootstrap, DEFAULT_RULE, """
                        {"command_id": "from-2062", "type": "rule_delete", "issued_at": "2062-01-01T00:00:00Z",
                         "rule_id": "%s"}""".formatted(DEFAULT_RULE));

                Map<String, String> expected = Map.of("no-sig", "unsigned_command", "forged", "bad_signature",
                        "no-sig-model", "unsigned_command", "elsewhere", "model_outside_models_dirs",
                        "wrong-hash", "model_hash_mismatch", "from-2062", "command_from_future");
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    outputs.poll();
                    Map<String, String> reasons = new HashMap<>();
                    for (JsonNode letter : outputs.deadLetters) {
                        assertThat(letter.get("source_topic").asText()).isEqualTo("control");
                        String commandId = JSON.readTree(letter.get("raw").asText()).get("command_id").asText();
                        reasons.put(commandId, letter.get("error").asText());
                    }
                    assertThat(reasons).isEqualTo(expected);
                });
                assertThat(counter(job, "controlCommandsApplied")).isZero();

                // The default rule the unsigned delete aimed at still fires.
                String purchase = newShopperBuysAtOnce(bootstrap);
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    outputs.poll();
                    assertThat(outputs.alerts).anySatisfy(alert -> {
                        assertThat(alert.get("evidence_event_ids").get(0).asText()).isEqualTo(purchase);
                        assertThat(alert.get("reasons").get(0).get("code").asText())
                                .isEqualTo("new_account_instant_purchase");
                    });
                });
            } finally {
                job.cancel().get();
            }
        }
    }

    private static ObjectNode signed(String json) {
        return CommandSigner.sign(json.getBytes(StandardCharsets.UTF_8), "e2e-test", Instant.now(),
                TestCommands.secret());
    }

    private static String promotion(String commandId, Path file, String sha) {
        return """
                {"command_id": "%s", "type": "model_promote", "model_name": "ranker-click", "model_version": "ctr-a",
                 "path": "%s", "model_sha256": "%s"}""".formatted(commandId, file, sha);
    }

    /** A new account that signs up and buys at once: the default rule {@value #DEFAULT_RULE} alerts on it. */
    private static String newShopperBuysAtOnce(String bootstrap) throws Exception {
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        String signup = """
                {"event_id":"s-e0","event_time":"%s","user_id":"shopper","type":"signup"}""".formatted(start);
        String purchase = """
                {"event_id":"s-e1","event_time":"%s","user_id":"shopper","type":"purchase","item_id":"i1","price":30,
                 "quantity":1,"order_id":"o-1"}""".formatted(start.plusSeconds(5));
        E2e.produce(bootstrap, List.of(new E2e.Input("shopper", signup.getBytes(StandardCharsets.UTF_8)),
                new E2e.Input("shopper", purchase.replace("\n", "").getBytes(StandardCharsets.UTF_8))));
        return "s-e1";
    }

    private static long counter(JobClient job, String name) {
        return CollectingReporter.named(name).stream()
                .filter(m -> m.variables().get("<job_id>").equals(job.getJobID().toString()))
                .mapToLong(m -> ((Counter) m.metric()).getCount()).sum();
    }
}
