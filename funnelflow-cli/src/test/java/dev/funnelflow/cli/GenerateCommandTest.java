package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.contract.TopicSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheSameValidClickstreamForTheSameSeed() throws Exception {
        Path first = dir.resolve("a.jsonl");
        Path second = dir.resolve("b.jsonl");
        CommandRun run = CommandRun.of(new GenerateCommand(), "--events", "500", "--clean", "--seed", "3",
                "--output", first.toString());
        CommandRun.of(new GenerateCommand(), "--events", "500", "--clean", "--seed", "3", "--output", second.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"events\":500");
        List<String> lines = Files.readAllLines(first);
        assertThat(lines).hasSize(500).isEqualTo(Files.readAllLines(second));
        lines.forEach(line -> TopicSchemas.assertValid("clickstream", line));
    }

    @Test
    void mergesLabelledAttacksIntoTheTrafficForEvalAlerts() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path labels = dir.resolve("labels.csv");
        CommandRun run = CommandRun.of(new GenerateCommand(), "--events", "500", "--clean", "--attacks", "1",
                "--labels", labels.toString(), "--output", events.toString());

        assertThat(run.exitCode()).isZero();
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSizeGreaterThan(500).anySatisfy(line -> assertThat(line).contains("\"user_id\":\"atk-"));
        lines.forEach(line -> TopicSchemas.assertValid("clickstream", line));
        assertThat(Files.readAllLines(labels)).first().isEqualTo("user_id,label,scenario");
        assertThat(Files.readAllLines(labels)).contains("atk-card_testing-0,1,card_testing");
    }

    @Test
    void attacksNeedALabelsFile() {
        assertThat(CommandRun.of(new GenerateCommand(), "--events", "10", "--attacks", "1",
                "--output", dir.resolve("x").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void refusesNonPositiveCounts() {
        assertThat(CommandRun.of(new GenerateCommand(), "--events", "0", "--output", dir.resolve("x").toString())
                .exitCode()).isEqualTo(2);
    }
}
