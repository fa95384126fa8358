package dev.funnelflow.alerts.fraud;

import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the rules say about one event: the fired rules' reasons, the highest severity, and a score.
 *
 * <p>The score combines the fired rules as independent pieces of evidence (noisy-OR): each rule alone says
 * "fraud with probability w" for its severity (low 0.3, medium 0.6, high 0.85), and together
 * {@code 1 - prod(1 - w)}. More and stronger rules score higher, which is what ranking users for review and
 * the ROC AUC of {@code eval alerts} need; the weights are a convention, not calibrated probabilities.
 */
public record FraudAssessment(double score, Severity severity, List<Reason> reasons) {

    private static final Map<Severity, Double> WEIGHTS = Map.of(Severity.LOW, 0.3, Severity.MEDIUM, 0.6,
            Severity.HIGH, 0.85);

    /**
     * Evaluates {@code rules} on {@code features}; empty when none fires. When a rule on the anomaly score
     * fires, {@code anomalyReasons} (the detector's per-feature attribution, asked only then: it costs another
     * pass over the forest) are added after the rules' reasons.
     */
    public static Optional<FraudAssessment> of(List<FraudRule> rules, FeatureValues features,
            Supplier<List<Reason>> anomalyReasons) {
        record Hit(FraudRule rule, Reason reason) {}
        List<Hit> hits = new ArrayList<>();
        for (FraudRule rule : rules) {
            rule.evaluate(features).ifPresent(reason -> hits.add(new Hit(rule, reason)));
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        hits.sort(Comparator.comparing((Hit h) -> h.rule().severity()).reversed()
                .thenComparing(h -> h.rule().ruleId()));
        double clean = 1;
        List<Reason> reasons = new ArrayList<>();
        boolean anomalous = false;
        for (Hit hit : hits) {
            clean *= 1 - WEIGHTS.get(hit.rule().severity());
            reasons.add(hit.reason());
            anomalous |= hit.rule().feature() == Feature.ANOMALY_SCORE;
        }
        if (anomalous) {
            reasons.addAll(anomalyReasons.get());
        }
        return Optional.of(new FraudAssessment(1 - clean, hits.get(0).rule().severity(), reasons));
    }
}
