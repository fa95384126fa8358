package dev.funnelflow.cli;

import dev.funnelflow.config.RankingOptions;
import dev.funnelflow.demo.Demo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Starts a real Kafka broker (KRaft) and the clickstream job on a Flink MiniCluster (RocksDB,"
                + " exactly-once checkpoints), feeds generated traffic (or --input) and shows what the job emits.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class, defaultValue = "0s",
            description = "How long to run, e.g. 90s, 5m; 0 runs until Ctrl-C (default).")
    Duration duration;

    @Option(names = "--rate", paramLabel = "EVENTS/S", defaultValue = "1000",
            description = "Events per second fed to the clickstream topic (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Replay this clickstream JSON-lines file (e.g. from `import`) instead of generated traffic.")
    Path input;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--web-port", defaultValue = "8081", description = "Flink web UI port (default ${DEFAULT-VALUE}).")
    int webPort;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the traffic generator (default ${DEFAULT-VALUE}).")
    long seed;

    /** The models trained on generated traffic that ship with the project (models/README.md). */
    private static final Path BUNDLED_MODELS = Path.of("models");

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0) {
            throw new IllegalArgumentException("--rate must be positive, got " + rate);
        }
        if (input != null) {
            Cli.requireFile(spec, input, "--input");
        }
        // Outputs commit on checkpoints: commit often so the live view moves.
        Configuration config = job.configuration(Duration.ofSeconds(2));
        if (!config.contains(RankingOptions.MODELS_DIR) && Files.isDirectory(BUNDLED_MODELS)) {
            config.set(RankingOptions.MODELS_DIR, BUNDLED_MODELS.toAbsolutePath().toString());
        }
        new Demo(new Demo.Options(duration, rate, input, kafkaPort, webPort, seed), System.out).run(config);
        return 0;
    }
}
