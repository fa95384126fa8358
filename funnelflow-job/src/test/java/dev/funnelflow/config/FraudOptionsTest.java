package dev.funnelflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.alerts.fraud.FraudRule;
import dev.funnelflow.alerts.fraud.FraudSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FraudOptionsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheBuiltInSettingsAndTheBundledRules() {
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of()));
        assertThat(settings.fraud()).isEqualTo(FraudSettings.defaults());
        assertThat(settings.defaultFraudRules()).extracting(FraudRule::ruleId).contains("anomaly.forest_score");
        assertThat(settings.fraudRiskCache()).isEqualTo(5000);
    }

    @Test
    void optionsReachTheFraudSettings() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.json"), """
                {"rules": [{"rule_id": "anomaly.forest_score", "kind": "fraud", "severity": "low",
                  "params": {"feature": "anomaly_score", "op": ">=", "threshold": 0.8}}]}""");
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of(
                FraudOptions.RULES.key(), rules.toString(),
                FraudOptions.SUPPRESSION_WINDOW.key(), "30 min",
                FraudOptions.STATE_TTL.key(), "2 d",
                FraudOptions.SMALL_PURCHASE_AMOUNT.key(), "2.5",
                FraudOptions.MIN_AMOUNT_HISTORY.key(), "5",
                FraudOptions.FOREST_TREES.key(), "30",
                FraudOptions.FOREST_SAMPLE_SIZE.key(), "128",
                FraudOptions.FOREST_REASON_SHARE.key(), "0.2",
                FraudOptions.RISK_CACHE.key(), "0")));
        FraudSettings fraud = settings.fraud();
        assertThat(fraud.suppressionWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(fraud.stateTtl()).isEqualTo(Duration.ofDays(2));
        assertThat(fraud.risk().smallPurchaseAmount()).isEqualTo(2.5);
        assertThat(fraud.risk().minAmountHistory()).isEqualTo(5);
        assertThat(fraud.trees()).isEqualTo(30);
        assertThat(fraud.sampleSize()).isEqualTo(128);
        assertThat(fraud.reasonShare()).isEqualTo(0.2);
        assertThat(fraud.forestVersion()).startsWith("rcf-30x128-");
        assertThat(settings.fraudRiskCache()).isZero();
        assertThat(settings.defaultFraudRules()).singleElement()
                .satisfies(rule -> assertThat(rule.threshold()).isEqualTo(0.8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "funnelflow.fraud.forest.reason-share | 1.5   | funnelflow.fraud.forest.reason-share must be between 0 and 1, got 1.5",
        "funnelflow.fraud.forest.trees        | 0     | funnelflow.fraud.forest.trees must be >= 1, got 0",
        "funnelflow.fraud.forest.sample-size  | 2     | funnelflow.fraud.forest.sample-size must be >= 4, got 2",
        "funnelflow.fraud.small-purchase-amount | -1  | funnelflow.fraud.small-purchase-amount must be >= 0, got -1.0",
        "funnelflow.fraud.min-amount-history  | 1     | funnelflow.fraud.min-amount-history must be >= 2, got 1",
        "funnelflow.fraud.suppression-window  | 0 s   | funnelflow.fraud.suppression-window must be positive, got PT0S",
        "funnelflow.fraud.state-ttl           | 0 s   | funnelflow.fraud.state-ttl must be positive, got PT0S",
        "funnelflow.fraud.risk-cache          | -1    | funnelflow.fraud.risk-cache must be >= 0, got -1",
    })
    void aBadValueFailsInOneLineNamingTheOption(String key, String value, String message) {
        assertThatThrownBy(() -> JobSettings.from(JobConfig.load(null, Map.of(key, value))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void aMissingOrBrokenRuleFileFailsNamingTheOption() throws Exception {
        Path missing = dir.resolve("nowhere.json");
        assertThatThrownBy(() -> JobSettings.from(JobConfig.load(null, Map.of(FraudOptions.RULES.key(), missing.toString()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("funnelflow.fraud.rules: " + missing);
        Path misspelt = Files.writeString(dir.resolve("rules.json"), """
                {"rules": [{"rule_id": "r1", "kind": "fraud", "severity": "low",
                  "params": {"feature": "anomaly_score", "op": ">=", "treshold": 0.8}}]}""");
        assertThatThrownBy(() -> JobSettings.from(JobConfig.load(null, Map.of(FraudOptions.RULES.key(), misspelt.toString()))))
                .hasMessageStartingWith("funnelflow.fraud.rules: " + misspelt + ": ")
                .hasMessageContaining("treshold");
    }
}
