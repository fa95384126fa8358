package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.bench.Bench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the pipeline against a pass-through Kafka->parse->Kafka job in the same run, then "
                + "end-to-end latency at fixed offered loads; the last line is one JSON object.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "200000",
            description = "Events pre-loaded for the throughput runs (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--rate", split = ",", defaultValue = "1000,5000,20000", paramLabel = "EVENTS/S",
            description = "Offered loads for the latency runs (default ${DEFAULT-VALUE}); the middle one is reported"
                    + " as latency_ms.")
    List<Double> rates;

    @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "30s",
            description = "Measured time per offered load, after a 10 s warm-up (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--seed", defaultValue = "42", description = "Traffic generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input", paramLabel = "FILE",
            description = "Pre-load this JSON-lines clickstream (e.g. from 'import') for the throughput runs instead of "
                    + "generated traffic: its first --events records. The latency runs use generated traffic.")
    Path input;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        if (events < 1 || parallelism < 1 || duration.isNegative() || duration.isZero()
                || rates.stream().anyMatch(rate -> rate <= 0)) {
            throw new IllegalArgumentException("--events, --parallelism, --duration and --rate must be positive");
        }
        if (input != null && !Files.isReadable(input)) {
            throw new IllegalArgumentException("--input " + input + " is not a readable file");
        }
        // The job as deployed, checkpoint interval included: rates span the output appends, so the final checkpoint
        // of a bounded run stays out of them whatever the interval.
        Configuration config = job.configuration();
        Map<String, Object> report = new Bench(new Bench.Options(events, parallelism, duration, rates, seed, input), System.out)
                .run(config);
        System.out.println(new ObjectMapper().writeValueAsString(report));
        return 0;
    }
}
