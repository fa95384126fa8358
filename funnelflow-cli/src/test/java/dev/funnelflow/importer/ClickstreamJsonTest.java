package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.event.EventType;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClickstreamJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"2016-05-09T00:08:46.309Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z",
        "2017-11-26T01:00:00.000Z", "9999-12-31T23:59:59.999Z"})
    void formatsEventTimesWithMilliseconds(String time) {
        assertThat(ClickstreamJson.formatEventTime(Instant.parse(time).toEpochMilli())).isEqualTo(time);
    }

    @Test
    void escapesStringsAndWritesNumbers() throws Exception {
        ImportedEvent event = new ImportedEvent("id-1", 0, "user \"quoted\"\\", "tab\there", EventType.PURCHASE,
                "é\u0001", "c", 35.79, 2, "o-1");

        JsonNode json = new ObjectMapper().readTree(new ClickstreamJson().toJson(event));

        assertThat(json.get("user_id").asText()).isEqualTo("user \"quoted\"\\");
        assertThat(json.get("session_id").asText()).isEqualTo("tab\there");
        assertThat(json.get("item_id").asText()).isEqualTo("é\u0001");
        assertThat(json.get("price").asDouble()).isEqualTo(35.79);
        assertThat(json.get("quantity").asInt()).isEqualTo(2);
        assertThat(json.fieldNames()).toIterable().containsExactly("event_id", "event_time", "user_id", "session_id",
                "type", "item_id", "category_id", "price", "quantity", "order_id");
    }
}
