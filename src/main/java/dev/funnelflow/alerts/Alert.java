package dev.funnelflow.alerts;

import java.util.List;

/**
 * One record of the {@code alerts} topic (DESIGN.md §3, {@code schemas/alerts.schema.json}).
 *
 * @param score 0..1, higher is worse
 * @param eventTime epoch ms of the event or timer at which the condition held
 * @param emittedAt epoch ms (wall clock) the job emitted it
 * @param modelVersion null for pure rule alerts
 */
public record Alert(
        String alertId,
        AlertKind kind,
        Severity severity,
        String userId,
        double score,
        List<Reason> reasons,
        long eventTime,
        long emittedAt,
        List<String> evidenceEventIds,
        String modelVersion) {

    public Alert {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("alert score must be in [0, 1], got " + score);
        }
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("an alert needs at least one reason");
        }
        reasons = List.copyOf(reasons);
        evidenceEventIds = List.copyOf(evidenceEventIds);
    }
}
