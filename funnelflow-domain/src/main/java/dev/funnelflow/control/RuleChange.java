package dev.funnelflow.control;

import dev.funnelflow.alerts.fraud.FraudRule;
import dev.funnelflow.alerts.fraud.RuleBook;

/**
 * A {@code rule_upsert} or {@code rule_delete} of a fraud rule.
 *
 * @param rule the rule in force from now on; null when the command deletes it
 */
public record RuleChange(String commandId, long issuedAt, String ruleId, FraudRule rule) implements ControlCommand {

    public static RuleChange upsert(String commandId, long issuedAt, FraudRule rule) {
        return new RuleChange(commandId, issuedAt, rule.ruleId(), rule);
    }

    public static RuleChange delete(String commandId, long issuedAt, String ruleId) {
        return new RuleChange(commandId, issuedAt, ruleId, null);
    }

    public boolean isDelete() {
        return rule == null;
    }

    /** What the rule book keeps for the rule after this change. */
    public RuleBook.Entry entry() {
        return new RuleBook.Entry(rule, commandId, issuedAt);
    }
}
