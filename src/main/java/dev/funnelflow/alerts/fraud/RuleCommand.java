package dev.funnelflow.alerts.fraud;

/** A change to the fraud rules from the {@code control} topic ({@code rule_upsert} or {@code rule_delete}). */
public sealed interface RuleCommand {

    String commandId();

    /** Epoch ms the operator issued the command; orders changes to one rule. */
    long issuedAt();

    String ruleId();

    /** Adds or replaces a rule. */
    record Upsert(String commandId, long issuedAt, FraudRule rule) implements RuleCommand {
        @Override
        public String ruleId() {
            return rule.ruleId();
        }
    }

    /** Removes a rule. */
    record Delete(String commandId, long issuedAt, String ruleId) implements RuleCommand {}
}
