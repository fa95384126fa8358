package dev.funnelflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.contract.TopicSchemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    @Test
    void encodedAlertsFollowTheAlertsContract() {
        Alert ruleAlert = new Alert("fraud-e1", AlertKind.FRAUD, Severity.HIGH, "u1", 0.94,
                List.of(new Reason("cards_distinct_24h", "many cards", 4.0, 3.0),
                        new Reason("anomaly_amount", "amount unusually high", Double.NaN, null)),
                1_793_577_600_000L, 1_793_577_600_500L, List.of("e1", "e0"), null);
        String json = new String(AlertJson.encode(ruleAlert), StandardCharsets.UTF_8);
        TopicSchemas.assertValid("alerts", json);
        assertThat(json).contains("\"event_time\":\"2026-11-02T00:00:00Z\"", "\"value\":null", "\"model_version\":null");

        Alert churn = new Alert("churn-u2-1", AlertKind.CHURN_RISK, Severity.LOW, "u2", 0.7,
                List.of(new Reason("p_alive", "P(alive) fell", 0.3, 0.4)), 1_793_577_600_000L, 1_793_577_600_000L,
                List.of(), "churn-bgnbd-1");
        TopicSchemas.assertValid("alerts", new String(AlertJson.encode(churn), StandardCharsets.UTF_8));
    }

    @Test
    void contractViolationsAreCaughtWhenBuilt() {
        assertThatThrownBy(() -> new Reason("Bad-Code", "x", null, null)).hasMessageContaining("snake_case");
        assertThatThrownBy(() -> new Alert("a", AlertKind.FRAUD, Severity.LOW, "u", 1.5, List.of(), 0, 0, List.of(), null))
                .hasMessageContaining("score");
        assertThat(Reason.codeOf("velocity.purchases-1h")).isEqualTo("velocity_purchases_1h");
        assertThat(Reason.codeOf("1h.velocity")).isEqualTo("r_1h_velocity");
    }
}
