package dev.funnelflow.alerts.fraud;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.alerts.AlertKind;
import java.io.IOException;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code control} records ({@code schemas/control.schema.json}) and keeps the ones that change fraud
 * rules. Other commands ({@code model_promote}, {@code forget_user}) and rules of other kinds are not errors:
 * they belong to other operators, so they come back empty.
 */
public final class ControlCommands implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> COMMAND_FIELDS = Set.of("command_id", "type", "issued_at", "issued_by");

    private final FraudRuleParser rules;

    public ControlCommands(FraudRuleParser rules) {
        this.rules = rules;
    }

    /** The rule change in {@code record}, empty if it is not one; {@link InvalidRuleException} if it is broken. */
    public Optional<RuleCommand> parse(byte[] record) {
        JsonNode root;
        try {
            root = JSON.readTree(record);
        } catch (IOException e) {
            throw new InvalidRuleException("control record is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRuleException("control record must be a JSON object");
        }
        String commandId = root.path("command_id").asText("");
        if (commandId.isEmpty()) {
            throw new InvalidRuleException("control command: command_id is required");
        }
        String where = "control command " + commandId + ": ";
        String type = root.path("type").asText("");
        long issuedAt = issuedAt(root.get("issued_at"), where);
        return switch (type) {
            case "rule_upsert" -> {
                Optional<AlertKind> kind = AlertKind.fromWireName(root.path("kind").asText());
                if (kind.isPresent() && kind.get() != AlertKind.FRAUD) {
                    yield Optional.empty(); // churn or abandonment rules: not this operator's
                }
                yield Optional.of(new RuleCommand.Upsert(commandId, issuedAt, rules.parseRule(root, COMMAND_FIELDS)));
            }
            case "rule_delete" -> {
                String ruleId = root.path("rule_id").asText("");
                if (ruleId.isEmpty()) {
                    throw new InvalidRuleException(where + "rule_id is required");
                }
                yield Optional.of(new RuleCommand.Delete(commandId, issuedAt, ruleId));
            }
            case "model_promote", "forget_user" -> Optional.empty();
            default -> throw new InvalidRuleException(where + "unknown type '" + type
                    + "'; expected rule_upsert, rule_delete, model_promote or forget_user");
        };
    }

    private static long issuedAt(JsonNode node, String where) {
        if (node != null && node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node != null && node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        throw new InvalidRuleException(where + "issued_at must be an ISO-8601 time with offset or epoch ms");
    }
}
