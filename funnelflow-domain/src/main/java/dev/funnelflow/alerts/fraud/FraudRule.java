package dev.funnelflow.alerts.fraud;

import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import java.io.Serializable;
import java.util.Optional;

/**
 * One rule of the fraud rule language: "{@code feature} [in {@code window}] {@code op} {@code threshold}"
 * raises an alert of {@code severity}. Built by {@link FraudRuleParser}, which validates every field.
 *
 * @param window the window as written (e.g. {@code 1h}), null for features measured at the event
 * @param windowMillis 0 for features measured at the event
 * @param description optional words for the analyst; the reason's detail uses it when present
 */
public record FraudRule(
        String ruleId,
        Severity severity,
        boolean enabled,
        Feature feature,
        Comparison op,
        double threshold,
        String window,
        long windowMillis,
        String description) implements Serializable {

    /** The reason this rule gives when it holds on {@code features}, empty when it does not hold or is disabled. */
    public Optional<Reason> evaluate(FeatureValues features) {
        if (!enabled) {
            return Optional.empty();
        }
        double value = features.value(feature, windowMillis);
        if (Double.isNaN(value) || !op.holds(value, threshold)) {
            return Optional.empty();
        }
        String measure = feature.wireName() + (window == null ? "" : " in " + window);
        String detail = (description == null ? "" : description + ": ")
                + measure + " = " + format(value) + " " + op.symbol() + " " + format(threshold)
                + " (rule " + ruleId + ")";
        return Optional.of(new Reason(Reason.codeOf(ruleId), detail, value, threshold));
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.3g", value);
    }
}
