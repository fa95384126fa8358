package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.config.DemandOptions;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.contract.TopicSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Category, top-item and views series through the whole topology, in contract. */
class DemandReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HOUR = 3_600_000;
    private static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void theTopItemsGetSeriesBesideTheCategoriesAndViewsGetTheirOwn() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int hour = 0; hour < 30; hour++) {
            long time = T0 + hour * HOUR + 60_000;
            lines.add(event("view", "hot", "c1", 1, time, hour));
            lines.add(event("purchase", "hot", "c1", 5, time + 1000, hour));
            lines.add(event("purchase", "warm", "c1", 2, time + 2000, hour));
            if (hour % 3 == 0) {
                lines.add(event("purchase", "cold", "c2", 1, time + 3000, hour));
            }
        }
        Path events = dir.resolve("events.jsonl");
        Files.write(events, lines);

        Path out = dir.resolve("out");
        Replay.run(events, null, out, JobConfig.load(null, Map.of("parallelism.default", "2",
                DemandOptions.TOP_ITEMS.key(), "2", DemandOptions.VIEWS.key(), "true")));

        List<String> records = Files.readAllLines(out.resolve("demand-forecasts.jsonl"));
        records.forEach(record -> TopicSchemas.assertValid("demand-forecasts", record));
        Map<String, List<JsonNode>> bySeries = records.stream().map(DemandReplayTest::json)
                .collect(Collectors.groupingBy(r -> r.get("series").asText()));
        assertThat(bySeries).containsOnlyKeys("category:c1", "category:c1:views", "category:c2",
                "item:hot", "item:hot:views", "item:warm");
        // Both entered the top when the first hour closed and are counted from the second hour on: the first forecast
        // needs two whole buckets.
        assertThat(firstWindowEnd(bySeries.get("item:hot"))).isEqualTo(Instant.ofEpochMilli(T0 + 4 * HOUR));
        assertThat(firstWindowEnd(bySeries.get("category:c1"))).isEqualTo(Instant.ofEpochMilli(T0 + 2 * HOUR));
        assertThat(bySeries.get("item:warm")).allSatisfy(r -> assertThat(
                r.get("forecast").get(0).get("mean").asDouble()).isBetween(1.9, 2.1));
    }

    private static Instant firstWindowEnd(List<JsonNode> records) {
        return records.stream().map(r -> Instant.parse(r.get("window_end").asText())).min(Instant::compareTo)
                .orElseThrow();
    }

    private static String event(String type, String item, String category, int quantity, long time, int hour) {
        return String.format("{\"event_id\":\"%s-%s-%d\",\"event_time\":%d,\"user_id\":\"u%d\",\"session_id\":\"s%d\","
                + "\"type\":\"%s\",\"item_id\":\"%s\",\"category_id\":\"%s\",\"price\":3.5,\"quantity\":%d}",
                type, item, hour, time, hour, hour, type, item, category, quantity);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
