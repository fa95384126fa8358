package dev.funnelflow.alerts.fraud;

import java.io.Serializable;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fraud rules in force: the defaults, changed by commands from the control topic. Per rule the newest command wins
 * by {@code issued_at}, so re-reading the control topic (a restart, a replayed or duplicated record) leaves the
 * rules as they were: a command seen again, or older than what the rule already has, has no further effect.
 * Deleted rules leave a tombstone that remembers when, so an older upsert arriving late cannot revive them.
 */
public final class RuleBook {

    /** The state of one rule id: its rule, or null once deleted, and the command that set it. */
    public record Entry(FraudRule rule, String commandId, long issuedAt) implements Serializable {

        /** Whether {@code change} replaces this entry: a newer command, not this one again. */
        public boolean isSupersededBy(Entry change) {
            return change.issuedAt() >= issuedAt && !change.commandId().equals(commandId);
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    /** A book holding {@code defaults}, older than any command. */
    public static RuleBook of(List<FraudRule> defaults) {
        RuleBook book = new RuleBook();
        for (FraudRule rule : defaults) {
            book.entries.put(rule.ruleId(), new Entry(rule, "default", Long.MIN_VALUE));
        }
        return book;
    }

    /** A book holding {@code defaults} changed by {@code changes} (rule id to entry, e.g. from checkpointed state). */
    public static RuleBook of(List<FraudRule> defaults, Iterable<Map.Entry<String, Entry>> changes) {
        RuleBook book = of(defaults);
        for (Map.Entry<String, Entry> change : changes) {
            book.entries.put(change.getKey(), change.getValue());
        }
        return book;
    }

    /** Sets rule {@code ruleId} to {@code next} unless it is superseded; returns whether the rules changed. */
    public boolean apply(String ruleId, Entry next) {
        Entry current = entries.get(ruleId);
        if (current != null && !current.isSupersededBy(next)) {
            return false;
        }
        entries.put(ruleId, next);
        return current == null ? next.rule() != null : !Objects.equals(current.rule(), next.rule());
    }

    /** The rules in force (enabled or not), ordered by id. */
    public List<FraudRule> rules() {
        return entries.values().stream().map(Entry::rule).filter(Objects::nonNull)
                .sorted(Comparator.comparing(FraudRule::ruleId)).toList();
    }

    /** Every entry, tombstones included, for checkpointing. */
    public Map<String, Entry> entries() {
        return Map.copyOf(entries);
    }
}
