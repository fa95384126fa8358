package dev.funnelflow.alerts;

import static dev.funnelflow.json.JsonObjects.nullableNumber;
import static dev.funnelflow.json.JsonObjects.object;
import static dev.funnelflow.json.JsonObjects.time;

/** Encodes an {@link Alert} in the {@code alerts} wire format; times as ISO-8601 UTC, like every output topic. */
public final class AlertJson {

    private AlertJson() {}

    public static byte[] encode(Alert alert) {
        return object(json -> {
            json.writeStringField("alert_id", alert.alertId());
            json.writeStringField("kind", alert.kind().wireName());
            json.writeStringField("severity", alert.severity().wireName());
            json.writeStringField("user_id", alert.userId());
            json.writeNumberField("score", alert.score());
            json.writeArrayFieldStart("reasons");
            for (Reason reason : alert.reasons()) {
                json.writeStartObject();
                json.writeStringField("code", reason.code());
                json.writeStringField("detail", reason.detail());
                nullableNumber(json, "value", reason.value());
                nullableNumber(json, "threshold", reason.threshold());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("event_time", time(alert.eventTime()));
            json.writeStringField("emitted_at", time(alert.emittedAt()));
            json.writeArrayFieldStart("evidence_event_ids");
            for (String id : alert.evidenceEventIds()) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeStringField("model_version", alert.modelVersion());
        });
    }
}
