package dev.funnelflow.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.Variant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControlParserTest {

    private static final String SHA = "a".repeat(64);

    private final ControlParser parser = new ControlParser(new FraudRuleParser(Duration.ofHours(24).toMillis()));

    @Test
    void readsEveryCommandType() {
        String promote = TestCommands.signed("""
                {"command_id": "m1", "type": "model_promote", "issued_at": "2026-11-23T08:00:00Z", "issued_by": "ana",
                 "model_name": "challenger-convert", "model_version": "cvr-gen2", "path": "/models/cvr-gen2.onnx",
                 "schema_hash": "%s", "model_sha256": "%s"}""".formatted(FeatureSchema.CURRENT.hash(), SHA));
        String forget = TestCommands.signed("""
                {"command_id": "f1", "type": "forget_user", "issued_at": 1793613600000, "issued_by": "ana",
                 "user_id": "42"}""");
        TopicSchemas.assertValid("control", promote);
        TopicSchemas.assertValid("control", forget);

        assertThat(parse(promote)).isEqualTo(new ModelPromotion("m1", 1_795_420_800_000L, Variant.CHALLENGER,
                ExampleLabel.CONVERT, "cvr-gen2", "/models/cvr-gen2.onnx", FeatureSchema.CURRENT.hash(), SHA));
        assertThat(((ModelPromotion) parse(promote)).slot()).isEqualTo("challenger-convert");
        assertThat(parse(forget)).isEqualTo(new ForgetUser("f1", 1_793_613_600_000L, "42"));
        String byPseudonym = TestCommands.signed("""
                {"command_id": "f2", "type": "forget_user", "issued_at": 1793613600000, "issued_by": "dpo",
                 "user_pseudonym": "9f86d081884c7d659a2feaa0c55ad015"}""");
        TopicSchemas.assertValid("control", byPseudonym);
        assertThat(parse(byPseudonym))
                .isEqualTo(new ForgetUser("f2", 1_793_613_600_000L, "9f86d081884c7d659a2feaa0c55ad015", true));
        assertThat(parse("""
                {"command_id": "d1", "type": "rule_delete", "issued_at": 1793613600000, "issued_by": "ana",
                 "rule_id": "x"}"""))
                .isEqualTo(RuleChange.delete("d1", 1_793_613_600_000L, "x"));
    }

    @Test
    void brokenCommandsSayWhatIsWrong() {
        assertThatThrownBy(() -> parse("{\"command_id\": \"m0\", \"type\": \"rule_upsert\""))
                .isInstanceOf(InvalidControlCommandException.class).hasMessageStartingWith("control record is not valid JSON");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m2", "type": "rule_upsert", "issued_at": 1793613600000, "rule_id": "churn.x",
                 "kind": "churn_risk", "severity": "low", "params": {"p_alive": 0.2}}"""))
                .hasMessage("control command m2: churn_risk alerts have no runtime rules; they are set by the"
                        + " funnelflow.alerts.* options");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m3", "type": "rule_upsert", "issued_at": "yesterday", "rule_id": "x"}"""))
                .hasMessage("control command m3: issued_at must be an ISO-8601 time with offset or epoch ms");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m4", "type": "rule_upsert", "issued_at": 1793613600000, "rule_id": "x",
                 "kind": "fraud", "severity": "low", "params": {"feature": "events", "op": ">", "threshold": 1}}"""))
                .hasMessageStartingWith("control command m4: rule x: feature events is counted over a window");
        assertThatThrownBy(() -> parse("""
                {"command_id": "f3", "type": "forget_user", "issued_at": 1793613600000, "issued_by": "dpo",
                 "user_id": "42", "user_pseudonym": "9f86d081884c7d65"}"""))
                .hasMessage("control command f3: forget_user needs exactly one of user_id and user_pseudonym");
        assertThatThrownBy(() -> parse("{\"command_id\": \"m5\", \"type\": \"reboot\", \"issued_at\": 1}"))
                .hasMessageStartingWith("control command m5: unknown type 'reboot'");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m6", "type": "model_promote", "issued_at": 1793613600000, "model_name": "ranker-ltv",
                 "model_version": "v1", "path": "/m.onnx"}"""))
                .hasMessageStartingWith("control command m6: unknown model_name 'ranker-ltv'; expected ranker-click");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m7", "type": "model_promote", "issued_at": 1793613600000, "model_name": "ranker-click",
                 "model_version": "v1"}"""))
                .hasMessage("control command m7: path is required (a non-empty string)");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m8", "type": "forget_user", "issued_at": 1793613600000, "user_id": 42}"""))
                .hasMessage("control command m8: user_id is required (a non-empty string)");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m9", "type": "forget_user", "issued_at": 1793613600000, "user_id": "42"}"""))
                .hasMessage("control command m9: issued_by is required (a non-empty string)");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m10", "type": "model_promote", "issued_at": 1793613600000, "issued_by": "ana",
                 "model_name": "ranker-click", "model_version": "v1", "path": "/m.onnx"}"""))
                .hasMessage("control command m10: model_sha256 is required (a non-empty string)");
        assertThatThrownBy(() -> parse("""
                {"command_id": "m11", "type": "model_promote", "issued_at": 1793613600000, "issued_by": "ana",
                 "model_name": "ranker-click", "model_version": "v1", "path": "/m.onnx", "model_sha256": "ABC"}"""))
                .hasMessage("control command m11: model_sha256 must be 64 lower-case hex digits");
    }

    private ControlCommand parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
