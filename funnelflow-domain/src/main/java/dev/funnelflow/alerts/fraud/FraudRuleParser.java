package dev.funnelflow.alerts.fraud;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads fraud rules written as JSON, the shape of a {@code control} {@code rule_upsert} without the command
 * fields, so a rule file and a control message say the same thing the same way:
 *
 * <pre>{@code
 * {"rule_id": "velocity.purchases_1h", "kind": "fraud", "severity": "medium", "enabled": true,
 *  "params": {"feature": "purchases", "window": "1h", "op": ">=", "threshold": 5,
 *             "description": "many orders in an hour"}}
 * }</pre>
 *
 * Every field is checked, unknown ones included (a misspelt "treshold" must not silently disable a rule); the
 * error names the rule and the field.
 */
public final class FraudRuleParser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9_.-]*");
    /** Where the default rule set lives, in the project and on the classpath. */
    public static final String DEFAULT_RULES = "flink-jobs/fraud-rules.json";
    private static final Set<String> RULE_FIELDS = Set.of("rule_id", "kind", "severity", "enabled", "params");
    private static final Set<String> PARAMS = Set.of("feature", "op", "threshold", "window", "description");

    private final long maxWindowMillis;

    /** @param maxWindowMillis the longest window the state can answer for ({@link RiskSettings#maxWindowMillis}) */
    public FraudRuleParser(long maxWindowMillis) {
        this.maxWindowMillis = maxWindowMillis;
    }

    /** The default rules, {@code flink-jobs/fraud-rules.json}, as shipped inside the jars. */
    public List<FraudRule> defaultRules() {
        try (InputStream in = FraudRuleParser.class.getResourceAsStream("/" + DEFAULT_RULES)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RULES + " is missing from the classpath");
            }
            return parseRuleFile(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RULES, e);
        }
    }

    /** Parses a rule file: {@code {"rules": [rule, ...]}} with distinct rule ids. */
    public List<FraudRule> parseRuleFile(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new InvalidRuleException("rule file is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("rules").isArray()) {
            throw new InvalidRuleException("rule file must be an object with a \"rules\" array");
        }
        List<FraudRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode node : root.get("rules")) {
            FraudRule rule = parseRule(node, Set.of());
            if (!ids.add(rule.ruleId())) {
                throw new InvalidRuleException("rule " + rule.ruleId() + ": rule_id appears twice in the file");
            }
            rules.add(rule);
        }
        return rules;
    }

    /** Parses one rule object; {@code alsoAllowed} names extra top-level fields (a control command's own). */
    public FraudRule parseRule(JsonNode node, Set<String> alsoAllowed) {
        if (node == null || !node.isObject()) {
            throw new InvalidRuleException("a rule must be a JSON object");
        }
        String ruleId = text(node, "rule_id", "rule: ");
        if (!RULE_ID.matcher(ruleId).matches()) {
            throw new InvalidRuleException("rule " + ruleId + ": rule_id must match [a-z][a-z0-9_.-]*");
        }
        String where = "rule " + ruleId + ": ";
        rejectUnknown(node, RULE_FIELDS, alsoAllowed, where);
        String kind = text(node, "kind", where);
        if (AlertKind.fromWireName(kind).orElse(null) != AlertKind.FRAUD) {
            throw new InvalidRuleException(where + "kind must be fraud for a fraud-feature rule, got '" + kind + "'");
        }
        String severityName = text(node, "severity", where);
        Severity severity = Severity.fromWireName(severityName).orElseThrow(() -> new InvalidRuleException(
                where + "severity must be one of low, medium, high, got '" + severityName + "'"));
        boolean enabled = true;
        if (node.has("enabled")) {
            if (!node.get("enabled").isBoolean()) {
                throw new InvalidRuleException(where + "enabled must be true or false");
            }
            enabled = node.get("enabled").asBoolean();
        }
        JsonNode params = node.get("params");
        if (params == null || !params.isObject()) {
            throw new InvalidRuleException(where + "params must be an object with feature, op, threshold");
        }
        rejectUnknown(params, PARAMS, Set.of(), where + "params: ");
        String featureName = text(params, "feature", where + "params.");
        Feature feature = Feature.fromWireName(featureName).orElseThrow(() -> new InvalidRuleException(
                where + "unknown feature '" + featureName + "'; known: " + Feature.names()));
        String opSymbol = text(params, "op", where + "params.");
        Comparison op = Comparison.fromSymbol(opSymbol).orElseThrow(() -> new InvalidRuleException(
                where + "params.op must be one of " + Comparison.symbols() + ", got '" + opSymbol + "'"));
        JsonNode threshold = params.get("threshold");
        if (threshold == null || !threshold.isNumber() || !Double.isFinite(threshold.asDouble())) {
            throw new InvalidRuleException(where + "params.threshold must be a number");
        }
        String window = params.has("window") ? text(params, "window", where + "params.") : null;
        long windowMillis = windowMillis(feature, window, where);
        String description = params.has("description") ? text(params, "description", where + "params.") : null;
        return new FraudRule(ruleId, severity, enabled, feature, op, threshold.asDouble(), window, windowMillis,
                description);
    }

    private long windowMillis(Feature feature, String window, String where) {
        if (!feature.windowed()) {
            if (window != null) {
                throw new InvalidRuleException(where + "feature " + feature.wireName()
                        + " is measured at the event and takes no window; remove params.window");
            }
            return 0;
        }
        if (window == null) {
            throw new InvalidRuleException(where + "feature " + feature.wireName()
                    + " is counted over a window: set params.window, e.g. \"1h\"");
        }
        long millis = RuleWindow.parseMillis(window);
        if (millis <= 0) {
            throw new InvalidRuleException(where + "params.window '" + window
                    + "' is not a positive duration (e.g. 30s, 10m, 1h, 1d)");
        }
        if (millis > maxWindowMillis) {
            throw new InvalidRuleException(where + "params.window " + window + " is longer than the "
                    + Duration.ofMillis(maxWindowMillis).toHours() + "h of history the job keeps");
        }
        return millis;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidRuleException(where + field + " is required");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new InvalidRuleException(where + field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, Set<String> alsoAllowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !alsoAllowed.contains(name)) {
                throw new InvalidRuleException(where + "unknown field '" + name
                        + "'; expected " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
