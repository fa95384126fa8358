package dev.funnelflow.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.alerts.fraud.InvalidRuleException;
import java.io.IOException;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code control} records ({@code schemas/control.schema.json}) into {@link ControlCommand}s. */
public final class ControlParser implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> COMMAND_FIELDS = Set.of("command_id", "type", "issued_at", "issued_by",
            CommandSignature.FIELD);
    private static final Pattern SCHEMA_HASH = Pattern.compile("[0-9a-f]{8,128}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final FraudRuleParser rules;

    public ControlParser(FraudRuleParser rules) {
        this.rules = rules;
    }

    /** The command in {@code record}; {@link InvalidControlCommandException} saying why if it is none. */
    public ControlCommand parse(byte[] record) {
        return parse(readObject(record));
    }

    /** The JSON object in {@code record}; {@link InvalidControlCommandException} if it is none. */
    public static ObjectNode readObject(byte[] record) {
        JsonNode root;
        try {
            root = JSON.readTree(record);
        } catch (IOException e) {
            throw new InvalidControlCommandException("control record is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidControlCommandException("control record must be a JSON object");
        }
        return (ObjectNode) root;
    }

    /** The command in {@code root}, a JSON object read by {@link #readObject}. */
    public ControlCommand parse(ObjectNode root) {
        String commandId = root.path("command_id").asText("");
        if (commandId.isEmpty()) {
            throw new InvalidControlCommandException("control command: command_id is required");
        }
        String where = "control command " + commandId + ": ";
        String type = root.path("type").asText("");
        long issuedAt = issuedAt(root.get("issued_at"), where);
        ControlCommand command = switch (type) {
            case "rule_upsert" -> ruleUpsert(root, commandId, issuedAt, where);
            case "rule_delete" -> RuleChange.delete(commandId, issuedAt, required(root, "rule_id", where));
            case "model_promote" -> modelPromotion(root, commandId, issuedAt, where);
            case "forget_user" -> forgetUser(root, commandId, issuedAt, where);
            default -> throw new InvalidControlCommandException(where + "unknown type '" + type
                    + "'; expected rule_upsert, rule_delete, model_promote or forget_user");
        };
        required(root, "issued_by", where); // the audit log names who changed what
        return command;
    }

    /** Names the user by id, or by pseudonym so that the topic holds no raw id; exactly one of the two. */
    private static ForgetUser forgetUser(JsonNode root, String commandId, long issuedAt, String where) {
        boolean byPseudonym = root.hasNonNull("user_pseudonym");
        if (byPseudonym == root.hasNonNull("user_id")) {
            throw new InvalidControlCommandException(where + "forget_user needs exactly one of user_id and"
                    + " user_pseudonym");
        }
        return byPseudonym
                ? new ForgetUser(commandId, issuedAt, required(root, "user_pseudonym", where), true)
                : new ForgetUser(commandId, issuedAt, required(root, "user_id", where));
    }

    private RuleChange ruleUpsert(JsonNode root, String commandId, long issuedAt, String where) {
        String kind = root.path("kind").asText("");
        if (AlertKind.fromWireName(kind).filter(k -> k != AlertKind.FRAUD).isPresent()) {
            throw new InvalidControlCommandException(where + kind + " alerts have no runtime rules; they are set by"
                    + " the funnelflow.alerts.* options");
        }
        try {
            return RuleChange.upsert(commandId, issuedAt, rules.parseRule(root, COMMAND_FIELDS));
        } catch (InvalidRuleException e) {
            throw new InvalidControlCommandException(where + e.getMessage());
        }
    }

    private static ModelPromotion modelPromotion(JsonNode root, String commandId, long issuedAt, String where) {
        String modelName = required(root, "model_name", where);
        String schemaHash = root.path("schema_hash").asText(null);
        if (schemaHash != null && !SCHEMA_HASH.matcher(schemaHash).matches()) {
            throw new InvalidControlCommandException(where + "schema_hash must be 8 to 128 lower-case hex digits");
        }
        String modelVersion = required(root, "model_version", where);
        String path = required(root, "path", where);
        ModelPromotion promotion = ModelPromotion.forSlot(modelName, commandId, issuedAt, modelVersion, path,
                        schemaHash, root.path("model_sha256").asText(""))
                .orElseThrow(() -> new InvalidControlCommandException(where + "unknown model_name '" + modelName
                        + "'; expected ranker-click, ranker-convert, challenger-click or challenger-convert"));
        // The hash the signed command names is what pins the bytes served (ModelFileCheck).
        if (!SHA256.matcher(required(root, "model_sha256", where)).matches()) {
            throw new InvalidControlCommandException(where + "model_sha256 must be 64 lower-case hex digits");
        }
        return promotion;
    }

    /** Who issued the command: required by {@link #parse}. */
    public static String issuedBy(ObjectNode root) {
        return root.path("issued_by").asText("");
    }

    private static String required(JsonNode root, String field, String where) {
        String value = root.path(field).isTextual() ? root.get(field).asText() : "";
        if (value.isEmpty()) {
            throw new InvalidControlCommandException(where + field + " is required (a non-empty string)");
        }
        return value;
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
        throw new InvalidControlCommandException(where + "issued_at must be an ISO-8601 time with offset or epoch ms");
    }
}
