package dev.funnelflow.io;

import static dev.funnelflow.json.JsonObjects.nonNegativeOrNull;
import static dev.funnelflow.json.JsonObjects.nullableNumber;
import static dev.funnelflow.json.JsonObjects.object;
import static dev.funnelflow.json.JsonObjects.time;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertJson;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.TrainingExample;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendedItem;
import java.nio.charset.StandardCharsets;

/**
 * Encodes output payloads in their topic's wire format (DESIGN.md §3, {@code schemas/}). Times are ISO-8601 UTC.
 * Written with Jackson's streaming generator: one of these runs for every recommendation.
 */
public final class OutputJson {

    private static final String SCHEMA_HASH = FeatureSchema.CURRENT.hash();

    private OutputJson() {}

    public static OutputRecord recommendation(Recommendation rec) {
        return new OutputRecord(rec.userId().getBytes(StandardCharsets.UTF_8), object(json -> {
            json.writeStringField("rec_id", rec.recId());
            json.writeStringField("user_id", rec.userId());
            json.writeStringField("session_id", rec.sessionId());
            json.writeStringField("trigger_event_id", rec.triggerEventId());
            json.writeStringField("event_time", time(rec.eventTime()));
            json.writeStringField("emitted_at", time(rec.emittedAt()));
            json.writeArrayFieldStart("items");
            for (RecommendedItem item : rec.items()) {
                json.writeStartObject();
                json.writeStringField("item_id", item.itemId());
                json.writeNumberField("score", item.score());
                nullableNumber(json, "p_click", item.pClick());
                nullableNumber(json, "p_convert", item.pConvert());
                json.writeStringField("source", item.source());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("model_version", rec.modelVersion());
        }));
    }

    public static OutputRecord trainingExample(TrainingExample example) {
        ServedExample served = example.served();
        return new OutputRecord(served.userId().getBytes(StandardCharsets.UTF_8), object(json -> {
            json.writeStringField("example_id", served.exampleId());
            json.writeStringField("event_time", time(served.eventTime()));
            json.writeStringField("user_id", served.userId());
            json.writeStringField("item_id", served.itemId());
            json.writeStringField("schema_hash", SCHEMA_HASH);
            json.writeArrayFieldStart("features");
            for (float value : served.features()) {
                json.writeNumber(value);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("labels");
            json.writeNumberField("click", example.click() ? 1 : 0);
            json.writeNumberField("convert", example.convert() ? 1 : 0);
            json.writeEndObject();
            json.writeStringField("variant", served.variant());
            json.writeStringField("model_version", served.modelVersion());
        }));
    }

    public static OutputRecord alert(Alert alert) {
        return new OutputRecord(alert.userId().getBytes(StandardCharsets.UTF_8), AlertJson.encode(alert));
    }

    public static OutputRecord deadLetter(DeadLetter letter) {
        return new OutputRecord(null, object(json -> {
            json.writeStringField("raw", letter.raw());
            json.writeBooleanField("truncated", letter.truncated());
            json.writeStringField("error", letter.error());
            json.writeStringField("detail", letter.detail());
            json.writeStringField("source_topic", letter.sourceTopic());
            nonNegativeOrNull(json, "partition", letter.partition());
            nonNegativeOrNull(json, "offset", letter.offset());
            json.writeStringField("received_at", time(letter.receivedAt()));
        }));
    }
}
