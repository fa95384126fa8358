package dev.funnelflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads a topic with {@code kcat} (librdkafka; Debian package {@code kcat}, installed by Maven's test phase via
 * {@code src/test/scripts/install-tools}): proof that any Kafka client, not only Java's, consumes our outputs.
 */
public final class Kcat {

    private Kcat() {}

    public static Optional<Path> find() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "kcat"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Every committed record of {@code topic} as {@code key<TAB>value} lines, read from the beginning to the end. */
    public static List<String> readCommitted(Path kcat, String bootstrap, String topic, Path workDir) throws Exception {
        Path output = workDir.resolve(topic + ".kcat.out");
        Path errors = workDir.resolve(topic + ".kcat.err");
        Process process = new ProcessBuilder(kcat.toString(), "-C", "-b", bootstrap, "-t", topic,
                "-o", "beginning", "-e", "-q", "-X", "isolation.level=read_committed", "-f", "%k\\t%s\\n")
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String stderr = Files.readString(errors, StandardCharsets.UTF_8);
        assertThat(exited).as("kcat exits at the end of the topic; stderr: %s", stderr).isTrue();
        assertThat(process.exitValue()).as("kcat exit code; stderr: %s", stderr).isZero();
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }
}
