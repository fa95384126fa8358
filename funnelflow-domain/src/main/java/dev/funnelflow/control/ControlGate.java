package dev.funnelflow.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.event.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether a {@code control} record is a command to apply. In order: the control plane must be open (a secret
 * configured); the record must be a JSON object signed with that secret ({@link CommandSignature}); a valid command
 * ({@link ControlParser}, {@code issued_by} required); issued at most {@code maxFuture} after the record was written
 * (so a command dated years ahead cannot outrank every later one for good) and at most {@code maxAge} before (so an
 * old signed command cannot be sent again); not a command already applied, nor older than the one its subject last
 * had ({@link ReplayGuard}); and a promotion must name a file inside the models directories with the right SHA-256
 * ({@link ModelFileCheck}).
 */
public final class ControlGate {

    /** What became of one record. */
    public sealed interface Verdict permits Accepted, Refused {}

    /**
     * @param type the wire type, e.g. {@code rule_delete}
     * @param subject what the command is about, e.g. {@code rule:views.burst_1m}; replays are judged per subject
     * @param change what it changes, for the audit log
     */
    public record Accepted(ControlCommand command, String type, String issuedBy, String subject, String change) implements Verdict {}

    public record Refused(RejectReason reason, String detail) implements Verdict {}

    private final ControlParser parser;
    private final byte[] secret;
    private final ControlSettings settings;
    private final ModelFileCheck modelFiles;
    private final ReplayGuard replays;

    /** @param secret the signing key; null closes the control plane */
    public ControlGate(FraudRuleParser rules, byte[] secret, ControlSettings settings, List<ReplayGuard.Applied> applied) {
        this.parser = new ControlParser(rules);
        this.secret = secret == null ? null : secret.clone();
        this.settings = settings;
        this.modelFiles = new ModelFileCheck(settings.modelsDirs());
        this.replays = new ReplayGuard(settings.maxAgeMillis(), applied);
    }

    /** Judges {@code record}, written to {@code control} at {@code recordTime} (epoch ms); remembers what it accepts. */
    public Verdict judge(byte[] record, long recordTime) {
        if (secret == null) {
            return new Refused(RejectReason.CONTROL_PLANE_CLOSED, "no control secret is configured"
                    + " (funnelflow.control.hmac-secret-env or -file): every control command is refused");
        }
        ObjectNode root;
        ControlCommand command;
        try {
            root = ControlParser.readObject(record);
            if (!CommandSignature.isSigned(root)) {
                return new Refused(RejectReason.UNSIGNED_COMMAND, "control command " + root.path("command_id").asText("")
                        + " has no signature");
            }
            if (!CommandSignature.verify(root, secret)) {
                return new Refused(RejectReason.BAD_SIGNATURE, "control command " + root.path("command_id").asText("")
                        + ": the signature does not match the command and the control secret");
            }
            command = parser.parse(root);
        } catch (InvalidControlCommandException e) {
            return new Refused(RejectReason.INVALID_CONTROL_COMMAND, e.getMessage());
        }
        String where = "control command " + command.commandId() + ": ";
        if (command.issuedAt() > recordTime + settings.maxFutureMillis()) {
            return new Refused(RejectReason.COMMAND_FROM_FUTURE, where + "issued_at " + instant(command.issuedAt())
                    + " is more than " + Duration.ofMillis(settings.maxFutureMillis()) + " after the record was written ("
                    + instant(recordTime) + ")");
        }
        if (command.issuedAt() < recordTime - settings.maxAgeMillis()) {
            return new Refused(RejectReason.REPLAYED_COMMAND, where + "issued_at " + instant(command.issuedAt())
                    + " is more than " + Duration.ofMillis(settings.maxAgeMillis()) + " before the record was written ("
                    + instant(recordTime) + ")");
        }
        String subject = subject(command);
        String replay = replays.replay(subject, command.commandId(), command.issuedAt());
        if (replay != null) {
            return new Refused(RejectReason.REPLAYED_COMMAND, where + replay);
        }
        if (command instanceof ModelPromotion promotion) {
            ModelFileCheck.Refusal refusal = modelFiles.refusal(promotion);
            if (refusal != null) {
                return new Refused(refusal.problem() == ModelFileCheck.Problem.HASH_MISMATCH
                        ? RejectReason.MODEL_HASH_MISMATCH : RejectReason.MODEL_OUTSIDE_MODELS_DIRS,
                        where + refusal.detail());
            }
        }
        replays.applied(subject, command.commandId(), command.issuedAt(), recordTime);
        return new Accepted(command, root.path("type").asText(), ControlParser.issuedBy(root), subject, change(command));
    }

    /** The commands applied that still matter for replays, to checkpoint. */
    public List<ReplayGuard.Applied> applied() {
        return replays.entries();
    }

    static String subject(ControlCommand command) {
        if (command instanceof RuleChange change) {
            return "rule:" + change.ruleId();
        }
        if (command instanceof ModelPromotion promotion) {
            return "model:" + promotion.slot();
        }
        return "user:" + ((ForgetUser) command).userId();
    }

    /** What {@code command} changes, for the audit log; a user is named by a digest, not kept in logs by a forget. */
    private static String change(ControlCommand command) {
        if (command instanceof RuleChange change) {
            return change.isDelete() ? "delete fraud rule " + change.ruleId()
                    : "set fraud rule " + change.ruleId() + " to " + change.rule();
        }
        if (command instanceof ModelPromotion p) {
            return "serve " + p.modelVersion() + " from " + p.path() + " (sha256 " + p.modelSha256() + ") in slot "
                    + p.slot();
        }
        return "forget the user whose id has SHA-256 " + ModelFileCheck.sha256(((ForgetUser) command).userId())
                .substring(0, 16) + "…";
    }

    private static Instant instant(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }
}
