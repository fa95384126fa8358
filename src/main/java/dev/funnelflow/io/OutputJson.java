package dev.funnelflow.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendedItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Encodes output payloads in their topic's wire format (DESIGN.md §3, {@code schemas/}). Times are ISO-8601 UTC. */
public final class OutputJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputJson() {}

    public static OutputRecord recommendation(Recommendation rec) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("rec_id", rec.recId());
        node.put("user_id", rec.userId());
        node.put("session_id", rec.sessionId());
        node.put("trigger_event_id", rec.triggerEventId());
        node.put("event_time", time(rec.eventTime()));
        node.put("emitted_at", time(rec.emittedAt()));
        ArrayNode items = node.putArray("items");
        for (RecommendedItem item : rec.items()) {
            ObjectNode entry = items.addObject();
            entry.put("item_id", item.itemId());
            entry.put("score", item.score());
            entry.put("p_click", item.pClick());
            entry.put("p_convert", item.pConvert());
            entry.put("source", item.source());
        }
        node.put("model_version", rec.modelVersion());
        return new OutputRecord(utf8(rec.userId()), bytes(node));
    }

    public static OutputRecord deadLetter(DeadLetter letter) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("raw", letter.raw());
        node.put("truncated", letter.truncated());
        node.put("error", letter.error());
        node.put("detail", letter.detail());
        node.put("source_topic", letter.sourceTopic());
        node.put("partition", letter.partition());
        node.put("offset", letter.offset());
        node.put("received_at", time(letter.receivedAt()));
        return new OutputRecord(null, bytes(node));
    }

    private static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
