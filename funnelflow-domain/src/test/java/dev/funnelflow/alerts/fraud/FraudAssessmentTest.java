package dev.funnelflow.alerts.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FraudAssessmentTest {

    private static final FraudRule MANY_CARDS = new FraudRule("cards.distinct_24h", Severity.HIGH, true,
            Feature.DISTINCT_CARDS, Comparison.GREATER_OR_EQUAL, 3, "24h", 86_400_000, "many cards");
    private static final FraudRule FAST = new FraudRule("bot.fast_cadence", Severity.MEDIUM, true,
            Feature.INTERVAL_MEAN_SECONDS, Comparison.LESS, 2, null, 0, null);
    private static final FraudRule ANOMALY = new FraudRule("anomaly.forest_score", Severity.LOW, true,
            Feature.ANOMALY_SCORE, Comparison.GREATER_OR_EQUAL, 0.75, null, 0, null);

    @Test
    void firedRulesGiveReasonsSeverityAndANoisyOrScore() {
        FeatureValues features = values(Map.of(Feature.DISTINCT_CARDS, 4.0, Feature.INTERVAL_MEAN_SECONDS, 0.5));
        FraudAssessment assessment = FraudAssessment.of(List.of(FAST, MANY_CARDS, ANOMALY), features, List::of)
                .orElseThrow();
        assertThat(assessment.severity()).isEqualTo(Severity.HIGH);
        assertThat(assessment.score()).isCloseTo(1 - 0.15 * 0.4, within(1e-12));
        assertThat(assessment.reasons()).extracting(Reason::code).containsExactly("cards_distinct_24h", "bot_fast_cadence");
        Reason cards = assessment.reasons().get(0);
        assertThat(cards.detail()).isEqualTo("many cards: distinct_cards in 24h = 4 >= 3 (rule cards.distinct_24h)");
        assertThat(cards.value()).isEqualTo(4.0);
        assertThat(cards.threshold()).isEqualTo(3.0);
    }

    @Test
    void undefinedFeaturesAndDisabledRulesDoNotFire() {
        FraudRule disabled = new FraudRule("x", Severity.HIGH, false, Feature.DISTINCT_CARDS,
                Comparison.GREATER_OR_EQUAL, 0, "1h", 3_600_000, null);
        assertThat(FraudAssessment.of(List.of(FAST, disabled), values(Map.of(Feature.DISTINCT_CARDS, 9.0)), List::of))
                .isEmpty();
    }

    @Test
    void theForestsAttributionIsAddedWhenTheAnomalyRuleFires() {
        Reason attribution = new Reason("anomaly_events_1m", "events_1m is unusually high", 60.0, null);
        FraudAssessment assessment = FraudAssessment.of(List.of(ANOMALY), values(Map.of(Feature.ANOMALY_SCORE, 0.9)),
                () -> List.of(attribution)).orElseThrow();
        assertThat(assessment.reasons()).extracting(Reason::code).containsExactly("anomaly_forest_score", "anomaly_events_1m");
        assertThat(assessment.score()).isCloseTo(0.3, within(1e-12));
    }

    private static FeatureValues values(Map<Feature, Double> values) {
        Map<Feature, Double> copy = new EnumMap<>(values);
        return (feature, window) -> copy.getOrDefault(feature, Double.NaN);
    }
}
