package dev.funnelflow.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.event.Pseudonymiser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * Makes a signed command out of what an operator writes: fills in what the tool knows ({@code command_id},
 * {@code issued_at} now, {@code issued_by}, a promotion's {@code model_sha256} from the file at its path when the
 * file is at hand) and signs it ({@link CommandSignature}). Used by {@code funnelflow control sign|send}.
 */
public final class CommandSigner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandSigner() {}

    /**
     * The signed command for {@code json}, a command object without or with a (replaced) signature.
     *
     * @param issuedBy who signs, used when the command names nobody; null to require it in the command
     * @param now the time written as {@code issued_at} when the command has none
     */
    public static ObjectNode sign(byte[] json, String issuedBy, Instant now, byte[] secret) {
        ObjectNode command = ControlParser.readObject(json);
        if (!command.hasNonNull("command_id")) {
            command.put("command_id", UUID.randomUUID().toString());
        }
        if (!command.hasNonNull("issued_at")) {
            command.put("issued_at", now.toString());
        }
        if (!command.hasNonNull("issued_by")) {
            if (issuedBy == null || issuedBy.isBlank()) {
                throw new InvalidControlCommandException("the command has no issued_by: name who issues it");
            }
            command.put("issued_by", issuedBy);
        }
        if ("model_promote".equals(command.path("type").asText()) && !command.hasNonNull("model_sha256")) {
            Path model = Path.of(command.path("path").asText(""));
            try {
                command.put("model_sha256", ModelFileCheck.sha256(model));
            } catch (IOException | RuntimeException e) {
                throw new InvalidControlCommandException("the promotion has no model_sha256 and its file " + model
                        + " cannot be read here to compute it (" + e.getClass().getSimpleName() + ")");
            }
        }
        command.remove(CommandSignature.FIELD);
        command.put(CommandSignature.FIELD, CommandSignature.sign(command, secret));
        return command;
    }

    /**
     * {@code command} naming its user by pseudonym, keyed with the job's pseudonymisation secret: a {@code forget_user}
     * so written leaves no raw user id on the {@code control} topic (nor in its record key). Other commands unchanged.
     */
    public static ObjectNode pseudonymiseUser(ObjectNode command, byte[] pseudonymisationSecret) {
        if ("forget_user".equals(command.path("type").asText()) && command.hasNonNull("user_id")) {
            String pseudonym = new Pseudonymiser(pseudonymisationSecret).pseudonym(command.get("user_id").asText());
            command.remove("user_id");
            command.put("user_pseudonym", pseudonym);
        }
        return command;
    }

    /** The record key: the command's subject, so a compacted topic keeps each subject's latest command. */
    public static String key(ObjectNode command) {
        String field = switch (command.path("type").asText()) {
            case "rule_upsert", "rule_delete" -> "rule_id";
            case "model_promote" -> "model_name";
            case "forget_user" -> command.hasNonNull("user_pseudonym") ? "user_pseudonym" : "user_id";
            default -> throw new InvalidControlCommandException("unknown command type '" + command.path("type").asText()
                    + "'; expected rule_upsert, rule_delete, model_promote or forget_user");
        };
        String subject = command.path(field).asText("");
        if (subject.isEmpty()) {
            throw new InvalidControlCommandException("the command has no " + field);
        }
        return subject;
    }

    /** {@code command} as one line of JSON. */
    public static String toJson(ObjectNode command) {
        try {
            return JSON.writeValueAsString(command);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
