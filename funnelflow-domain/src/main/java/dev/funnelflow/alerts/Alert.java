package dev.funnelflow.alerts;

import java.util.List;

/**
 * One record of the {@code alerts} topic (DESIGN.md §3, {@code schemas/alerts.schema.json}). Arrays rather than
 * lists so that Flink serializes it as a POJO (a {@code List} field would fall back to Kryo); treat them as
 * read-only.
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
        Reason[] reasons,
        long eventTime,
        long emittedAt,
        String[] evidenceEventIds,
        String modelVersion) {

    public Alert {
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("alert score must be in [0, 1], got " + score);
        }
        if (reasons.length == 0) {
            throw new IllegalArgumentException("an alert needs at least one reason");
        }
    }

    public Alert(String alertId, AlertKind kind, Severity severity, String userId, double score, List<Reason> reasons,
            long eventTime, long emittedAt, List<String> evidenceEventIds, String modelVersion) {
        this(alertId, kind, severity, userId, score, reasons.toArray(Reason[]::new), eventTime, emittedAt,
                evidenceEventIds.toArray(String[]::new), modelVersion);
    }
}
