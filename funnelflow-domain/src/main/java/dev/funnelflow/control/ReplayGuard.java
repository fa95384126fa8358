package dev.funnelflow.control;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, per subject (a rule, a model slot, a user), the newest command applied, so that a signed command sent
 * again, or an older one about the same subject, is refused. Memory stays bounded: commands issued more than the
 * maximum age before the newest record seen are refused as stale anyway, so what they left here can go.
 */
public final class ReplayGuard {

    /** The newest command applied about {@code subject}. */
    public record Applied(String subject, String commandId, long issuedAt) implements Serializable {}

    private final long maxAgeMillis;
    private final Map<String, Applied> newest = new HashMap<>();
    private long newestRecordTime = Long.MIN_VALUE;

    public ReplayGuard(long maxAgeMillis, List<Applied> restored) {
        this.maxAgeMillis = maxAgeMillis;
        restored.forEach(this::keep);
    }

    /** Why {@code commandId} is a replay, or null when it is new and not older than what {@code subject} has. */
    public String replay(String subject, String commandId, long issuedAt) {
        Applied last = newest.get(subject);
        if (last == null) {
            return null;
        }
        if (last.commandId().equals(commandId)) {
            return "command " + commandId + " was already applied";
        }
        if (issuedAt < last.issuedAt()) {
            return "command " + commandId + " is older than command " + last.commandId() + " already applied to "
                    + subject;
        }
        return null;
    }

    /** Records an applied command, read in a record written at {@code recordTime}, and forgets stale entries. */
    public void applied(String subject, String commandId, long issuedAt, long recordTime) {
        keep(new Applied(subject, commandId, issuedAt));
        if (recordTime > newestRecordTime) {
            newestRecordTime = recordTime;
            long staleBefore = recordTime - maxAgeMillis;
            newest.values().removeIf(entry -> entry.issuedAt() < staleBefore);
        }
    }

    private void keep(Applied entry) {
        newest.merge(entry.subject(), entry, (a, b) -> b.issuedAt() >= a.issuedAt() ? b : a);
    }

    /** What to checkpoint. */
    public List<Applied> entries() {
        return List.copyOf(newest.values());
    }
}
