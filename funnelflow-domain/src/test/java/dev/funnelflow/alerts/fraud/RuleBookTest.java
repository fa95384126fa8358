package dev.funnelflow.alerts.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.control.ControlParser;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.control.TestCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {

    private final FraudRuleParser parser = new FraudRuleParser(Duration.ofHours(24).toMillis());
    private final ControlParser control = new ControlParser(parser);

    private static final String UPSERT_V1 = """
            {"command_id": "c1", "type": "rule_upsert", "issued_at": "2026-11-02T10:00:00Z", "issued_by": "ana",
             "rule_id": "velocity.purchases_1h", "kind": "fraud", "severity": "high",
             "params": {"feature": "purchases", "window": "1h", "op": ">=", "threshold": 3}}""";
    private static final String UPSERT_V2 = """
            {"command_id": "c2", "type": "rule_upsert", "issued_at": "2026-11-02T11:00:00Z", "issued_by": "ana",
             "rule_id": "velocity.purchases_1h", "kind": "fraud", "severity": "low", "enabled": false,
             "params": {"feature": "purchases", "window": "1h", "op": ">=", "threshold": 9}}""";
    private static final String DELETE = """
            {"command_id": "c3", "type": "rule_delete", "issued_at": 1793620800000, "issued_by": "ana",
             "rule_id": "velocity.purchases_1h"}""";

    @Test
    void theExampleCommandsFollowTheControlContract() {
        for (String command : List.of(UPSERT_V1, UPSERT_V2, DELETE)) {
            TopicSchemas.assertValid("control", TestCommands.signed(command));
        }
    }

    @Test
    void upsertsReplaceAndDeletesRemoveTheDefaults() {
        RuleBook book = RuleBook.of(parser.defaultRules());
        int defaults = book.rules().size();
        assertThat(apply(book, UPSERT_V1)).isTrue();
        assertThat(rule(book).threshold()).isEqualTo(3);
        assertThat(apply(book, UPSERT_V2)).isTrue();
        assertThat(rule(book).enabled()).isFalse();
        assertThat(apply(book, DELETE)).isTrue();
        assertThat(book.rules()).hasSize(defaults - 1)
                .noneMatch(r -> r.ruleId().equals("velocity.purchases_1h"));
    }

    @Test
    void replayedOrOlderCommandsHaveNoFurtherEffect() {
        RuleBook book = RuleBook.of(List.of());
        apply(book, UPSERT_V2);
        assertThat(apply(book, UPSERT_V2)).as("same command again").isFalse();
        assertThat(apply(book, UPSERT_V1)).as("issued before the rule's current version").isFalse();
        assertThat(rule(book).threshold()).isEqualTo(9);
        apply(book, DELETE);
        assertThat(apply(book, UPSERT_V2)).as("an old upsert cannot revive a deleted rule").isFalse();
        assertThat(book.rules()).isEmpty();
        assertThat(book.entries()).containsKey("velocity.purchases_1h");
    }

    private boolean apply(RuleBook book, String json) {
        RuleChange change = (RuleChange) control.parse(json.getBytes(StandardCharsets.UTF_8));
        return book.apply(change.ruleId(), change.entry());
    }

    private static FraudRule rule(RuleBook book) {
        return book.rules().stream().filter(r -> r.ruleId().equals("velocity.purchases_1h")).findFirst().orElseThrow();
    }
}
