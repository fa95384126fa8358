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
    void refusesNonPositiveCounts() {
        assertThat(CommandRun.of(new GenerateCommand(), "--events", "0", "--output", dir.resolve("x").toString())
                .exitCode()).isEqualTo(2);
    }
}
