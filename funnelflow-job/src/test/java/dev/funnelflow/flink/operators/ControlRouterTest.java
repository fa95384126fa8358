package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.control.ControlSecret;
import dev.funnelflow.control.ControlSettings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.ModelFileCheck;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.control.TestCommands;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.flink.routing.DeadLetters;
import dev.funnelflow.io.OutputJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlRouterTest {

    private static final long WRITTEN = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private static final String KEY_VARIABLE = "FUNNELFLOW_TEST_CONTROL_KEY";

    @TempDir
    Path models;

    @Test
    void routesEachSignedCommandToItsOperatorsAndCountsIt() throws Exception {
        Path model = Files.writeString(models.resolve("ctr-gen2.onnx"), "model bytes");
        String sha = ModelFileCheck.sha256(model);
        try (var harness = harness(new ControlSecret(KEY_VARIABLE, null))) {
            harness.processElement(signed("""
                    {"command_id": "r1", "type": "rule_delete", "issued_at": 1793613600000, "rule_id": "x"}"""), WRITTEN);
            harness.processElement(signed("""
                    {"command_id": "m1", "type": "model_promote", "issued_at": 1793613600000,
                     "model_name": "ranker-click", "model_version": "ctr-gen2", "path": "%s", "model_sha256": "%s"}"""
                    .formatted(model, sha)), WRITTEN);
            harness.processElement(signed("""
                    {"command_id": "f1", "type": "forget_user", "issued_at": 1793613600000, "user_id": "42"}"""), WRITTEN);
            harness.processElement(signed("{\"command_id\": \"junk\", \"issued_by\": \"ana\"}"), WRITTEN);

            assertThat(harness.extractOutputValues()).extracting(RuleChange::commandId).containsExactly("r1");
            assertThat(harness.getSideOutput(ControlRouter.MODEL_PROMOTIONS)).extracting(StreamRecord::getValue)
                    .extracting(ModelPromotion::commandId).containsExactly("m1");
            assertThat(harness.getSideOutput(ControlRouter.FORGET_USERS)).extracting(StreamRecord::getValue)
                    .extracting(ForgetUser::userId).containsExactly("42");
            DeadLetter rejected = harness.getSideOutput(DeadLetters.TAG).peek().getValue();
            assertThat(rejected.error()).isEqualTo("invalid_control_command");
            assertThat(rejected.detail()).isEqualTo("control command junk: issued_at must be an ISO-8601 time with"
                    + " offset or epoch ms");
            String json = new String(OutputJson.deadLetter(rejected).value(), StandardCharsets.UTF_8);
            TopicSchemas.assertValid("dead-letter", json);
            assertThat(json).contains("\"source_topic\":\"control\",\"partition\":null,\"offset\":null");
        }
    }

    @Test
    void deadLettersUnsignedForgedFutureAndReplayedCommandsWithTheirReasons() throws Exception {
        try (var harness = harness(new ControlSecret(KEY_VARIABLE, null))) {
            String forget = """
                    {"command_id": "f1", "type": "forget_user", "issued_at": 1793613600000, "issued_by": "ana",
                     "user_id": "42"}""";
            harness.processElement(bytes(forget), WRITTEN);
            harness.processElement(bytes(forget.replace("}", ", \"signature\": \"%s\"}".formatted("0".repeat(64)))),
                    WRITTEN);
            harness.processElement(signed("""
                    {"command_id": "d2062", "type": "rule_delete", "issued_at": "2062-01-01T00:00:00Z",
                     "rule_id": "x"}"""), WRITTEN);
            harness.processElement(bytes(TestCommands.signed(forget)), WRITTEN);
            harness.processElement(bytes(TestCommands.signed(forget)), WRITTEN + 1);
            harness.processElement(signed("""
                    {"command_id": "m1", "type": "model_promote", "issued_at": 1793613600000,
                     "model_name": "ranker-click", "model_version": "v1", "path": "/etc/passwd",
                     "model_sha256": "%s"}""".formatted("0".repeat(64))), WRITTEN);

            assertThat(harness.getSideOutput(ControlRouter.FORGET_USERS)).extracting(StreamRecord::getValue)
                    .extracting(ForgetUser::commandId).containsExactly("f1");
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::error).containsExactly("unsigned_command", "bad_signature",
                            "command_from_future", "replayed_command", "model_outside_models_dirs");
        }
    }

    @Test
    void remembersAppliedCommandsAcrossARestore() throws Exception {
        byte[] forget = signed("""
                {"command_id": "f1", "type": "forget_user", "issued_at": 1793613600000, "user_id": "42"}""");
        OperatorSubtaskState snapshot;
        try (var harness = harness(new ControlSecret(KEY_VARIABLE, null))) {
            harness.processElement(forget, WRITTEN);
            snapshot = harness.snapshot(1, WRITTEN);
        }
        try (var restored = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(router(
                new ControlSecret(KEY_VARIABLE, null))))) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(forget, WRITTEN + 1);
            assertThat(restored.getSideOutput(ControlRouter.FORGET_USERS)).isNull();
            assertThat(restored.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::error).containsExactly("replayed_command");
        }
    }

    @Test
    void withoutASecretEveryCommandIsRefused() throws Exception {
        try (var harness = harness(ControlSecret.none())) {
            harness.processElement(signed("""
                    {"command_id": "r1", "type": "rule_delete", "issued_at": 1793613600000, "rule_id": "x"}"""), WRITTEN);
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.getSideOutput(DeadLetters.TAG)).extracting(StreamRecord::getValue)
                    .extracting(DeadLetter::error).containsExactly("control_plane_closed");
        }
    }

    private OneInputStreamOperatorTestHarness<byte[], RuleChange> harness(ControlSecret secret) throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(router(secret));
    }

    private ControlRouter router(ControlSecret secret) {
        var fraud = JobSettings.from(JobConfig.load(null, Map.of())).fraud();
        var settings = new ControlSettings(secret, Duration.ofMinutes(5).toMillis(), Duration.ofDays(3650).toMillis(),
                List.of(models.toString()));
        return new ControlRouter(fraud, settings, Map.of(KEY_VARIABLE, TestCommands.SECRET));
    }

    /** {@code json} with issued_by (unless given) and signed with the test key. */
    private static byte[] signed(String json) {
        String withIssuer = json.contains("issued_by") ? json : json.replaceFirst("\\{", "{\"issued_by\": \"ana\", ");
        return bytes(TestCommands.signed(withIssuer));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
