package dev.funnelflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.operators.FraudDetectionFunction;
import dev.funnelflow.flink.routing.FraudInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The bench times alerts on its instant purchases: under the default rules each purchase raises exactly one. */
class InstantPurchaseTest {

    @Test
    void theDefaultRulesAlertOnThePurchaseAlone() throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of()));
        InstantPurchase attack = new InstantPurchase("bench-attacker-99", 1_793_577_600_000L);
        var operator = new FraudDetectionFunction(settings.fraud(), settings.defaultFraudRules(),
                settings.forgetHorizon(), settings.fraudRiskCache());
        // The second input is broadcast, not keyed; the harness wants a key for it, which the operator never uses.
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert>(operator,
                FraudInput::userId, RuleChange::ruleId, Types.STRING, 1, 1, 0)) {
            harness.open();
            for (byte[] json : List.of(attack.signup(), attack.purchase())) {
                TopicSchemas.assertValid("clickstream", new String(json, StandardCharsets.UTF_8));
                Ingested parsed = settings.parser().parse(json, new RecordOrigin("clickstream", 0, 0));
                assertThat(parsed.isAccepted()).isTrue();
                harness.processElement1(FraudInput.of(RiskEvent.of(parsed.event())), attack.time());
            }
            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(alert -> assertThat(alert.evidenceEventIds()).containsExactly(attack.purchaseEventId()));
        }
    }
}
