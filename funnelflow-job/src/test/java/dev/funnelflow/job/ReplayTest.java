package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.io.Topic;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole topology on a MiniCluster: file in, one file per output topic out. */
class ReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @Test
    void learnsCoVisitationAndRoutesBadRecordsToDeadLetter() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        int n = 0;
        // Ten shoppers browse a -> b -> c; the eleventh views a and should be offered b first.
        for (int u = 0; u < 10; u++) {
            for (String item : List.of("a", "b", "c")) {
                line(input, view("e" + n++, "u" + u, "s" + u, item, T0 + n * 1000L));
            }
        }
        line(input, view("probe", "u99", "s99", "a", T0 + n * 1000L));
        line(input, view("probe", "u99", "s99", "a", T0 + n * 1000L)); // re-sent
        line(input, "{\"event_id\": \"x\", \"type\": ");
        line(input, "{\"event_id\":\"x2\",\"event_time\":\"2024-03-01T10:00:00Z\",\"user_id\":\"u1\",\"type\":\"teleport\"}");
        line(input, "{\"event_id\":\"x3\",\"event_time\":\"2024-03-01T10:00:00Z\",\"user_id\":\"u1\",\"type\":\"view\",\"item_id\":\"a\",\"price\":-1}");
        input.write(new byte[] {'{', '"', (byte) 0xff, '"', '}', '\n'});
        Path events = dir.resolve("events.jsonl");
        Files.write(events, input.toByteArray());

        Path out = dir.resolve("out");
        Replay.run(events, null, out, JobConfig.load(null,
                Map.of("parallelism.default", "2", "funnelflow.recs.popularity-sample-rate", "1",
                        "funnelflow.recs.popularity-refresh", "0 ms")));

        List<JsonNode> recs = read(out.resolve("recommendations.jsonl"));
        // A view gets a list unless nothing but the viewed item is known yet, which at parallelism 2 depends on
        // which user-activity subtask reaches the popularity list first: at most the first view of each shopper, and
        // possibly none (even the first event's view finds a list if the other subtask got ahead).
        assertThat(recs).hasSizeBetween(21, 31).allSatisfy(r -> assertThat(r.get("items")).isNotEmpty());
        JsonNode probe = recs.stream().filter(r -> r.get("trigger_event_id").asText().equals("probe")).findFirst().orElseThrow();
        assertThat(probe.get("items").get(0).get("item_id").asText()).isEqualTo("b");
        assertThat(probe.get("items").get(0).get("source").asText()).isEqualTo("covisitation");
        assertThat(probe.get("session_id").asText()).isEqualTo("s99");

        Map<String, Long> errors = read(out.resolve("dead-letter.jsonl")).stream()
                .collect(Collectors.groupingBy(d -> d.get("error").asText(), Collectors.counting()));
        assertThat(errors).containsOnly(
                Map.entry("duplicate_event", 1L),
                Map.entry("malformed_json", 1L),
                Map.entry("unknown_type", 1L),
                Map.entry("invalid_value", 1L),
                Map.entry("invalid_utf8", 1L));
        for (Topic topic : Topic.outputs()) {
            assertThat(out.resolve(topic.replayFileName())).exists();
        }
    }

    private static String view(String id, String user, String session, String item, long time) {
        return String.format("{\"event_id\":\"%s\",\"event_time\":\"%s\",\"user_id\":\"%s\",\"session_id\":\"%s\","
                + "\"type\":\"view\",\"item_id\":\"%s\",\"category_id\":\"c1\"}", id, Instant.ofEpochMilli(time), user, session, item);
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
