package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.generator.ScenarioInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Injected attacks, abandoned carts and lapsed customers run through the whole topology come out on {@code alerts},
 * with reasons, in contract.
 */
class AlertsReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WEEK = 7 * 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void injectedAttacksRaiseFraudAlertsWithReasons() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path labels = dir.resolve("labels.csv");
        GeneratorSettings traffic = GeneratorSettings.defaults().withSeed(5).withUsers(2_000).withEvents(4_000)
                .withMalformedShare(0).withDuplicateShare(0);
        new ScenarioInjector(5).write(new ClickstreamGenerator(traffic), 4_000, 2, events, labels);

        Path out = dir.resolve("out");
        Replay.run(events, null, out, JobConfig.load(null, Map.of("parallelism.default", "2")));

        List<String> lines = Files.readAllLines(out.resolve("alerts.jsonl"));
        lines.forEach(line -> TopicSchemas.assertValid("alerts", line));
        List<JsonNode> alerts = lines.stream().map(AlertsReplayTest::json).toList();
        Set<String> alerted = alerts.stream().map(a -> a.get("user_id").asText()).collect(Collectors.toSet());
        assertThat(alerted).contains("atk-card_testing-0", "atk-card_testing-1");
        List<JsonNode> cardTesting = alerts.stream()
                .filter(a -> a.get("user_id").asText().equals("atk-card_testing-0")).toList();
        assertThat(cardTesting).allSatisfy(a -> assertThat(a.get("kind").asText()).isEqualTo("fraud"));
        // The first small purchases may look odd to the forest first; the card-testing rule fires as they add up.
        assertThat(cardTesting).anySatisfy(a -> assertThat(a.get("reasons")).anySatisfy(
                reason -> assertThat(reason.get("code").asText()).startsWith("card_testing")));
        // The farm's eighth account signs up and buys on a device seven accounts used before: counted at the
        // device's key, joined back to the user's.
        assertThat(alerts).filteredOn(a -> a.get("user_id").asText().equals("atk-device_farm-0-7"))
                .anySatisfy(a -> assertThat(a.get("reasons")).anySatisfy(
                        reason -> assertThat(reason.get("code").asText()).startsWith("device_farm")));
    }

    @Test
    void idleCartsAndLapsedRegularsRaiseLifecycleAlerts() throws Exception {
        long start = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        List<String> lines = new ArrayList<>();
        for (int week = 0; week < 3; week++) {
            lines.add(event("p" + week, "regular", "purchase", start + week * WEEK));
        }
        long shopping = start + 3 * WEEK;
        lines.add(event("left-1", "leaves-cart", "add_to_cart", shopping));
        lines.add(event("kept-1", "buys-cart", "add_to_cart", shopping + 1_000));
        lines.add(event("kept-2", "buys-cart", "purchase", shopping + 60_000));
        // Someone else browses for four months; the last event is a cart that the end of the input abandons.
        long time = shopping;
        for (int i = 0; time < start + 20 * WEEK; i++) {
            time += 3_600_000;
            lines.add(event("w" + i, "walker", "view", time));
        }
        lines.add(event("late-1", "late-cart", "add_to_cart", time + 1_000));
        Path events = Files.write(dir.resolve("lifecycle.jsonl"), lines);

        Path out = dir.resolve("out");
        Replay.run(events, null, out, JobConfig.load(null, Map.of("parallelism.default", "2")));

        List<String> written = Files.readAllLines(out.resolve("alerts.jsonl"));
        written.forEach(line -> TopicSchemas.assertValid("alerts", line));
        Map<String, Set<String>> lifecycle = written.stream().map(AlertsReplayTest::json)
                .filter(a -> !a.get("kind").asText().equals("fraud"))
                .collect(Collectors.groupingBy(a -> a.get("kind").asText(),
                        Collectors.mapping(a -> a.get("user_id").asText(), Collectors.toSet())));
        assertThat(lifecycle).containsOnly(
                Map.entry("cart_abandonment", Set.of("leaves-cart", "late-cart")),
                Map.entry("churn_risk", Set.of("regular")));
        assertThat(written).as("one alert per abandoned cart and lapse")
                .filteredOn(line -> !line.contains("\"kind\":\"fraud\"")).hasSize(3);
    }

    private static String event(String id, String user, String type, long time) {
        return String.format("{\"event_id\":\"%s\",\"event_time\":%d,\"user_id\":\"%s\",\"type\":\"%s\","
                + "\"item_id\":\"i1\",\"price\":80,\"quantity\":1}", id, time, user, type);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
