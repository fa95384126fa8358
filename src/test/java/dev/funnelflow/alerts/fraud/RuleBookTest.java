package dev.funnelflow.alerts.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.contract.TopicSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {

    private final FraudRuleParser parser = new FraudRuleParser(Duration.ofHours(24).toMillis());
    private final ControlCommands control = new ControlCommands(parser);

    private static final String UPSERT_V1 = """
            {"command_id": "c1", "type": "rule_upsert", "issued_at": "2026-11-02T10:00:00Z", "issued_by": "ana",
             "rule_id": "velocity.purchases_1h", "kind": "fraud", "severity": "high",
             "params": {"feature": "purchases", "window": "1h", "op": ">=", "threshold": 3}}""";
    private static final String UPSERT_V2 = """
            {"command_id": "c2", "type": "rule_upsert", "issued_at": "2026-11-02T11:00:00Z",
             "rule_id": "velocity.purchases_1h", "kind": "fraud", "severity": "low", "enabled": false,
             "params": {"feature": "purchases", "window": "1h", "op": ">=", "threshold": 9}}""";
    private static final String DELETE = """
            {"command_id": "c3", "type": "rule_delete", "issued_at": 1793620800000,
             "rule_id": "velocity.purchases_1h"}""";

    @Test
    void theExampleCommandsFollowTheControlContract() {
        for (String command : List.of(UPSERT_V1, UPSERT_V2, DELETE)) {
            TopicSchemas.assertValid("control", command);
        }
    }

    @Test
    void upsertsReplaceAndDeletesRemoveTheDefaults() {
        RuleBook book = RuleBook.of(parser.defaultRules());
        int defaults = book.rules().size();
        assertThat(book.apply(command(UPSERT_V1))).isTrue();
        assertThat(rule(book).threshold()).isEqualTo(3);
        assertThat(book.apply(command(UPSERT_V2))).isTrue();
        assertThat(rule(book).enabled()).isFalse();
        assertThat(book.apply(command(DELETE))).isTrue();
        assertThat(book.rules()).hasSize(defaults - 1)
                .noneMatch(r -> r.ruleId().equals("velocity.purchases_1h"));
    }

    @Test
    void replayedOrOlderCommandsHaveNoFurtherEffect() {
        RuleBook book = RuleBook.of(List.of());
        book.apply(command(UPSERT_V2));
        assertThat(book.apply(command(UPSERT_V2))).as("same command again").isFalse();
        assertThat(book.apply(command(UPSERT_V1))).as("issued before the rule's current version").isFalse();
        assertThat(rule(book).threshold()).isEqualTo(9);
        book.apply(command(DELETE));
        assertThat(book.apply(command(UPSERT_V2))).as("an old upsert cannot revive a deleted rule").isFalse();
        assertThat(book.rules()).isEmpty();
        assertThat(book.entries()).containsKey("velocity.purchases_1h");
    }

    @Test
    void otherCommandsAreNotRuleChangesAndBrokenOnesAreErrors() {
        assertThat(control.parse(bytes("""
                {"command_id": "m1", "type": "forget_user", "issued_at": 1793613600000, "user_id": "42"}"""))).isEmpty();
        assertThat(control.parse(bytes("""
                {"command_id": "m2", "type": "rule_upsert", "issued_at": 1793613600000, "rule_id": "churn.x",
                 "kind": "churn_risk", "severity": "low", "params": {"p_alive": 0.2}}"""))).isEmpty();
        assertThatThrownBy(() -> control.parse(bytes("""
                {"command_id": "m3", "type": "rule_upsert", "issued_at": "yesterday", "rule_id": "x"}""")))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("control command m3: issued_at must be an ISO-8601 time with offset or epoch ms");
        assertThatThrownBy(() -> control.parse(bytes("""
                {"command_id": "m4", "type": "rule_upsert", "issued_at": 1793613600000, "rule_id": "x",
                 "kind": "fraud", "severity": "low", "params": {"feature": "events", "op": ">", "threshold": 1}}""")))
                .hasMessageStartingWith("rule x: feature events is counted over a window");
        assertThatThrownBy(() -> control.parse(bytes("{\"command_id\": \"m5\", \"type\": \"reboot\", \"issued_at\": 1}")))
                .hasMessageStartingWith("control command m5: unknown type 'reboot'");
    }

    private RuleCommand command(String json) {
        return control.parse(bytes(json)).orElseThrow();
    }

    private static FraudRule rule(RuleBook book) {
        return book.rules().stream().filter(r -> r.ruleId().equals("velocity.purchases_1h")).findFirst().orElseThrow();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
