package dev.funnelflow.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.event.RejectReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlGateTest {

    private static final long WRITTEN = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();
    private static final String ISSUED = "2026-11-02T09:59:00Z";

    @TempDir
    Path dir;

    @Test
    void acceptsASignedCommandAndSaysWhoChangedWhat() {
        var accepted = (ControlGate.Accepted) gate().judge(bytes(TestCommands.signed(delete("d1", ISSUED))), WRITTEN);

        assertThat(accepted.command()).isEqualTo(RuleChange.delete("d1", Instant.parse(ISSUED).toEpochMilli(), "x"));
        assertThat(accepted.type()).isEqualTo("rule_delete");
        assertThat(accepted.issuedBy()).isEqualTo("ana");
        assertThat(accepted.subject()).isEqualTo("rule:x");
        assertThat(accepted.change()).isEqualTo("delete fraud rule x");
    }

    @Test
    void refusesEverythingWhenNoSecretIsConfigured() {
        ControlGate closed = new ControlGate(new FraudRuleParser(Duration.ofDays(1).toMillis()), null, settings(),
                List.of());
        assertThat(reason(closed.judge(bytes(TestCommands.signed(delete("d1", ISSUED))), WRITTEN)))
                .isEqualTo(RejectReason.CONTROL_PLANE_CLOSED);
    }

    @Test
    void refusesUnsignedAndBadlySignedCommands() {
        ControlGate gate = gate();
        assertThat(reason(gate.judge(bytes(delete("d1", ISSUED)), WRITTEN))).isEqualTo(RejectReason.UNSIGNED_COMMAND);
        String tampered = TestCommands.signed(delete("d2", ISSUED)).replace("\"rule_id\":\"x\"", "\"rule_id\":\"y\"");
        assertThat(reason(gate.judge(bytes(tampered), WRITTEN))).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(reason(gate.judge(bytes("not json"), WRITTEN))).isEqualTo(RejectReason.INVALID_CONTROL_COMMAND);
        assertThat(reason(gate.judge(bytes(TestCommands.signed("""
                {"command_id": "d3", "type": "rule_delete", "issued_at": "%s", "rule_id": "x"}""".formatted(ISSUED))),
                WRITTEN))).as("issued_by is required").isEqualTo(RejectReason.INVALID_CONTROL_COMMAND);
    }

    @Test
    void boundsIssuedAtByTheRecordTimestampSoNoCommandOutranksLaterOnesForGood() {
        ControlGate gate = gate();
        var future = (ControlGate.Refused) gate.judge(bytes(TestCommands.signed(delete("d2062", "2062-01-01T00:00:00Z"))),
                WRITTEN);
        assertThat(future.reason()).isEqualTo(RejectReason.COMMAND_FROM_FUTURE);
        assertThat(future.detail()).contains("more than PT5M after the record was written (2026-11-02T10:00:00Z)");
        assertThat(gate.judge(bytes(TestCommands.signed(delete("d+4m", "2026-11-02T10:04:00Z"))), WRITTEN))
                .isInstanceOf(ControlGate.Accepted.class);
        // ... and a later, rightly dated command still takes the rule back.
        assertThat(gate.judge(bytes(TestCommands.signed(delete("d+10m", "2026-11-02T10:10:00Z"))),
                WRITTEN + Duration.ofMinutes(10).toMillis())).isInstanceOf(ControlGate.Accepted.class);
    }

    @Test
    void refusesReplaysOfAppliedOldOrStaleCommands() {
        ControlGate gate = gate();
        String first = TestCommands.signed(delete("d1", ISSUED));
        assertThat(gate.judge(bytes(first), WRITTEN)).isInstanceOf(ControlGate.Accepted.class);
        assertThat(reason(gate.judge(bytes(first), WRITTEN + 1))).isEqualTo(RejectReason.REPLAYED_COMMAND);
        assertThat(reason(gate.judge(bytes(TestCommands.signed(delete("d0", "2026-11-02T09:58:00Z"))), WRITTEN)))
                .as("older than what rule x has").isEqualTo(RejectReason.REPLAYED_COMMAND);
        assertThat(gate.judge(bytes(TestCommands.signed(delete("d0", "2026-11-02T09:58:00Z").replace("\"x\"",
                "\"z\""))), WRITTEN)).as("another subject").isInstanceOf(ControlGate.Accepted.class);
        // A week later: d1 is beyond max-age, refused as stale although its entry has been forgotten.
        long weekLater = WRITTEN + Duration.ofDays(7).toMillis();
        assertThat(gate.judge(bytes(TestCommands.signed(delete("d9", "2026-11-09T10:00:00Z").replace("\"x\"",
                "\"w\""))), weekLater)).isInstanceOf(ControlGate.Accepted.class);
        assertThat(gate.applied()).extracting(ReplayGuard.Applied::subject).containsExactly("rule:w");
        assertThat(reason(gate.judge(bytes(first), weekLater))).isEqualTo(RejectReason.REPLAYED_COMMAND);
    }

    @Test
    void promotesOnlyFilesInsideTheModelsDirectoriesWithTheNamedHash() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        Path model = Files.writeString(models.resolve("ctr-a.onnx"), "model bytes");
        Path outside = Files.writeString(dir.resolve("evil.onnx"), "model bytes");
        Files.createSymbolicLink(models.resolve("link.onnx"), outside);
        String sha = ModelFileCheck.sha256(model);
        ControlGate gate = new ControlGate(new FraudRuleParser(Duration.ofDays(1).toMillis()), TestCommands.secret(),
                new ControlSettings(ControlSecret.none(), Duration.ofMinutes(5).toMillis(),
                        Duration.ofHours(1).toMillis(), Arrays.asList(models.toString(), null)), List.of());

        assertThat(reason(gate.judge(bytes(TestCommands.signed(promote("m1", outside.toString(), sha))), WRITTEN)))
                .isEqualTo(RejectReason.MODEL_OUTSIDE_MODELS_DIRS);
        assertThat(reason(gate.judge(bytes(TestCommands.signed(promote("m2", models + "/../evil.onnx", sha))),
                WRITTEN))).isEqualTo(RejectReason.MODEL_OUTSIDE_MODELS_DIRS);
        assertThat(reason(gate.judge(bytes(TestCommands.signed(promote("m3", models + "/link.onnx", sha))), WRITTEN)))
                .isEqualTo(RejectReason.MODEL_OUTSIDE_MODELS_DIRS);
        assertThat(reason(gate.judge(bytes(TestCommands.signed(promote("m4", model.toString(), "0".repeat(64)))),
                WRITTEN))).isEqualTo(RejectReason.MODEL_HASH_MISMATCH);
        assertThat(gate.judge(bytes(TestCommands.signed(promote("m5", model.toString(), sha))), WRITTEN))
                .isInstanceOf(ControlGate.Accepted.class);
    }

    private ControlGate gate() {
        return new ControlGate(new FraudRuleParser(Duration.ofDays(1).toMillis()), TestCommands.secret(), settings(),
                List.of());
    }

    private static ControlSettings settings() {
        return new ControlSettings(ControlSecret.none(), Duration.ofMinutes(5).toMillis(), Duration.ofHours(1).toMillis(),
                List.of());
    }

    private static String delete(String commandId, String issuedAt) {
        return """
                {"command_id": "%s", "type": "rule_delete", "issued_at": "%s", "issued_by": "ana", "rule_id": "x"}"""
                .formatted(commandId, issuedAt);
    }

    private static String promote(String commandId, String path, String sha) {
        return """
                {"command_id": "%s", "type": "model_promote", "issued_at": "%s", "issued_by": "ana",
                 "model_name": "ranker-click", "model_version": "ctr-a", "path": "%s", "model_sha256": "%s"}"""
                .formatted(commandId, ISSUED, path, sha);
    }

    private static RejectReason reason(ControlGate.Verdict verdict) {
        return ((ControlGate.Refused) verdict).reason();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
