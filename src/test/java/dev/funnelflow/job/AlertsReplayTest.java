package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.generator.ScenarioInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Injected attacks run through the whole topology come out on {@code alerts}, with reasons, in contract. */
class AlertsReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

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
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
