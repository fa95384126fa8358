package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop the job with a savepoint, start a new one from it at another parallelism (a rescale): what users and items
 * taught the first job (seen event ids in user state, co-visitation in item state, both in RocksDB, redistributed
 * by key group) is still known, and no output repeats.
 */
class RestartFromSavepointTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir
    Path savepoints;

    @Test
    void userAndItemStateSurviveAStopAndARestoreAtAnotherParallelism() throws Exception {
        List<E2e.Input> before = new ArrayList<>();
        // Every 'c' view has 'a' to offer: the user's own 'b' view taught b's list, on the same channel before it.
        // Whether an 'a' or 'b' view finds a list depends on how the two partitions interleave and on when the
        // popularity samples, which travel to every candidate-lists subtask on a broadcast of their own, arrive.
        Set<String> laterViews = new HashSet<>();
        int n = 0;
        for (int u = 0; u < 8; u++) {
            for (String item : List.of("a", "b", "c")) {
                if (item.equals("c")) {
                    laterViews.add("e" + n);
                }
                before.add(view("e" + n, "u" + u, item, n++));
            }
        }
        String prefix = "restart-" + UUID.randomUUID();

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers())) {
            kafka.createTopics(E2e.TOPICS);
            E2e.produce(kafka.bootstrapServers(), before);
            JobClient first = E2e.startJob(kafka.bootstrapServers(), prefix, Map.of());
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                outputs.poll();
                return triggers(outputs).containsAll(laterViews);
            });
            String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(),
                    SavepointFormatType.CANONICAL).get();

            // A re-sent event from before the restart, and a newcomer viewing 'a'.
            E2e.produce(kafka.bootstrapServers(), List.of(before.get(4), view("new", "u-new", "a", n)));
            JobClient second = E2e.startJob(kafka.bootstrapServers(), prefix,
                    Map.of("execution.state-recovery.path", savepoint, "parallelism.default", "1"));
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> {
                    outputs.poll();
                    return outputs.deadLetters.size() == 1 && trigger(outputs, "new") != null;
                });
                assertThat(outputs.deadLetters.get(0).get("error").asText()).isEqualTo("duplicate_event");
                JsonNode newcomer = trigger(outputs, "new").get("items");
                assertThat(newcomer.get(0).get("item_id").asText()).isEqualTo("b");
                assertThat(newcomer.get(0).get("source").asText()).isEqualTo("covisitation");
                List<String> recIds = outputs.recommendations.stream().map(r -> r.get("rec_id").asText()).toList();
                assertThat(new HashSet<>(recIds)).hasSameSizeAs(recIds);
                assertThat(new HashSet<>(triggers(outputs))).hasSameSizeAs(triggers(outputs));
            } finally {
                second.cancel().get();
            }
        }
    }

    private static List<String> triggers(CommittedOutputs outputs) {
        return outputs.recommendations.stream().map(r -> r.get("trigger_event_id").asText()).toList();
    }

    private static JsonNode trigger(CommittedOutputs outputs, String eventId) {
        return outputs.recommendations.stream()
                .filter(r -> r.get("trigger_event_id").asText().equals(eventId)).findFirst().orElse(null);
    }

    private static E2e.Input view(String id, String user, String item, int second) {
        String json = String.format("{\"event_id\":\"%s\",\"event_time\":\"%s\",\"user_id\":\"%s\","
                + "\"session_id\":\"s-%s\",\"type\":\"view\",\"item_id\":\"%s\"}", id, T0.plusSeconds(second), user, user, item);
        return new E2e.Input(user, json.getBytes(StandardCharsets.UTF_8));
    }
}
