package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.event.RejectReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Meter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operability metrics of the whole topology on a MiniCluster, read through a metric reporter as Prometheus
 * would read them: names, labels (key-value groups) and counts that agree with what the job wrote.
 */
class JobMetricsTest {

    private static final long T0 = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        CollectingReporter.clear();
    }

    @Test
    void countsEventsDeadLettersAlertsAndForecastsAndTimesRecommendations() throws Exception {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        int n = 0;
        for (int u = 0; u < 10; u++) {
            for (String item : List.of("a", "b", "c")) {
                line(input, String.format("{\"event_id\":\"e%d\",\"event_time\":\"%s\",\"user_id\":\"u%d\",\"type\":\"view\","
                        + "\"item_id\":\"%s\",\"category_id\":\"c1\"}", n++, Instant.ofEpochMilli(T0 + n * 1000L), u, item));
            }
        }
        line(input, "{\"event_id\":\"e0\",\"event_time\":\"2024-03-01T10:00:01Z\",\"user_id\":\"u0\",\"type\":\"view\",\"item_id\":\"a\"}");
        line(input, "{\"event_id\": \"x\", \"type\": ");
        line(input, "{\"event_id\":\"x2\",\"event_time\":\"2024-03-01T10:00:00Z\",\"user_id\":\"u1\",\"type\":\"teleport\"}");
        Path events = Files.write(dir.resolve("events.jsonl"), input.toByteArray());
        Map<String, String> config = new HashMap<>(CollectingReporter.configuration());
        config.put("parallelism.default", "2");

        Path out = dir.resolve("out");
        Replay.run(events, null, out, JobConfig.load(null, config));

        assertThat(count("eventsAccepted", Map.of())).isEqualTo(31); // the re-sent e0 parses; dedup comes later
        assertThat(count("eventsRejected", Map.of())).isEqualTo(2);
        assertThat(CollectingReporter.named("eventsAcceptedPerSecond")).allMatch(m -> m.metric() instanceof Meter);
        assertThat(count("deadLetters", Map.of("<error>", "duplicate_event"))).isEqualTo(1);
        assertThat(count("deadLetters", Map.of("<error>", "malformed_json"))).isEqualTo(1);
        assertThat(count("deadLetters", Map.of("<error>", "unknown_type"))).isEqualTo(1);
        // Every code has its series from the start, so a rate alert on a code that never occurred still works.
        for (RejectReason reason : RejectReason.values()) {
            assertThat(CollectingReporter.named("deadLetters"))
                    .anyMatch(m -> reason.code().equals(m.variables().get("<error>")));
        }
        for (AlertKind kind : AlertKind.values()) {
            assertThat(CollectingReporter.named("alertsPerSecond"))
                    .anyMatch(m -> kind.wireName().equals(m.variables().get("<kind>")) && m.metric() instanceof Meter);
        }
        assertThat(count("alerts", Map.of())).isEqualTo(lines(out.resolve("alerts.jsonl")));
        assertThat(count("forecastUpdates", Map.of())).isEqualTo(lines(out.resolve("demand-forecasts.jsonl")));

        long recommendations = lines(out.resolve("recommendations.jsonl"));
        assertThat(recommendations).isPositive();
        List<Histogram> latency = CollectingReporter.named("recommendationLatencyMs").stream()
                .map(m -> (Histogram) m.metric()).toList();
        assertThat(latency.stream().mapToLong(Histogram::getCount).sum()).isEqualTo(recommendations);
        assertThat(latency).filteredOn(h -> h.getCount() > 0).allSatisfy(h -> {
            assertThat(h.getStatistics().getMin()).isGreaterThanOrEqualTo(0);
            assertThat(h.getStatistics().getMax()).isLessThan(60_000);
        });
    }

    /** The sum over subtasks of a counter whose variables include {@code labels}. */
    private static long count(String name, Map<String, String> labels) {
        return CollectingReporter.named(name).stream()
                .filter(m -> m.variables().entrySet().containsAll(labels.entrySet()))
                .mapToLong(m -> ((Counter) m.metric()).getCount()).sum();
    }

    private static long lines(Path file) throws Exception {
        return Files.readAllLines(file).size();
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
