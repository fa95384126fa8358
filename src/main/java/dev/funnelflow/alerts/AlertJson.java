package dev.funnelflow.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Encodes an {@link Alert} in the {@code alerts} wire format; times as ISO-8601 UTC, like every output topic. */
public final class AlertJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {}

    public static byte[] encode(Alert alert) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512);
             JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
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
                writeNullableNumber(json, "value", reason.value());
                writeNullableNumber(json, "threshold", reason.threshold());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("event_time", Instant.ofEpochMilli(alert.eventTime()).toString());
            json.writeStringField("emitted_at", Instant.ofEpochMilli(alert.emittedAt()).toString());
            json.writeArrayFieldStart("evidence_event_ids");
            for (String id : alert.evidenceEventIds()) {
                json.writeString(id);
            }
            json.writeEndArray();
            if (alert.modelVersion() == null) {
                json.writeNullField("model_version");
            } else {
                json.writeStringField("model_version", alert.modelVersion());
            }
            json.writeEndObject();
            json.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // JSON has no NaN or infinity: a measure that is not a finite number is reported as null.
    private static void writeNullableNumber(JsonGenerator json, String field, Double value) throws IOException {
        if (value == null || !Double.isFinite(value)) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }
}
