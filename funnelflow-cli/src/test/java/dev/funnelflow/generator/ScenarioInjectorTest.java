package dev.funnelflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.contract.TopicSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioInjectorTest {

    @TempDir
    Path dir;

    @Test
    void attacksAreMergedIntoUntouchedTrafficAndLabelled() throws IOException {
        GeneratorSettings settings = GeneratorSettings.defaults().withUsers(2_000).withMalformedShare(0)
                .withDuplicateShare(0);
        Path events = dir.resolve("events.jsonl");
        Path labels = dir.resolve("labels.csv");

        int attackEvents = new ScenarioInjector(3).write(new ClickstreamGenerator(settings), 5_000, 2, events, labels);

        List<String> lines = Files.readAllLines(events);
        List<String> attacks = lines.stream().filter(l -> l.contains("\"atk-")).toList();
        assertThat(attacks).hasSize(attackEvents);
        attacks.forEach(line -> TopicSchemas.assertValid("clickstream", line));
        List<String> normal = lines.stream().filter(l -> !l.contains("\"atk-")).toList();
        List<String> plain = new ClickstreamGenerator(settings).stream(5_000).map(GeneratedRecord::valueAsString).toList();
        assertThat(normal).as("the generator's own records, unchanged and in order").isEqualTo(plain);

        List<String> labelLines = Files.readAllLines(labels);
        assertThat(labelLines.get(0)).isEqualTo("user_id,label,scenario");
        // per scenario 2 attacks: one account each, device farms 8 accounts each
        assertThat(labelLines).hasSize(1 + 2 * (4 + 8));
        assertThat(labelLines).contains("atk-card_testing-0,1,card_testing", "atk-device_farm-1-7,1,device_farm");
    }
}
