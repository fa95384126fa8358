package dev.funnelflow.cli;

import dev.funnelflow.config.RankingOptions;
import dev.funnelflow.io.Topic;
import dev.funnelflow.job.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Runs the same job topology bounded on a Flink MiniCluster: a clickstream JSON-lines file in,"
                + " one JSON-lines file per output topic out (recommendations.jsonl, dead-letter.jsonl, ...).")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Clickstream events, one JSON object per line.")
    Path input;

    @Option(names = "--control", paramLabel = "FILE",
            description = "control messages (JSON lines, e.g. fraud rule upserts) applied alongside the events;"
                    + " signed ('control sign'), with funnelflow.control.hmac-secret-file in --config (and, for"
                    + " commands signed long ago, a funnelflow.control.max-age to match).")
    Path control;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory for the output files.")
    Path output;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Ranking models (ONNX + cards, models/README.md): sets funnelflow.ranking.models-dir.")
    Path models;

    @Mixin
    JobOptions job;

    @Override
    public Integer call() throws Exception {
        Cli.requireFile(spec, input, "--input");
        if (control != null) {
            Cli.requireFile(spec, control, "--control");
        }
        Configuration config = job.configuration();
        if (models != null) {
            if (!Files.isDirectory(models)) {
                throw new ParameterException(spec.commandLine(), "--models: not a directory: " + models);
            }
            config.set(RankingOptions.MODELS_DIR, models.toAbsolutePath().toString());
        }
        long started = System.nanoTime();
        JobExecutionResult result = Replay.run(input, control, output, config);
        double seconds = (System.nanoTime() - started) / 1e9;
        long events = lines(input);
        System.out.printf(Locale.ROOT,
                "{\"input\":\"%s\",\"events\":%d,\"recommendations\":%d,\"training_examples\":%d,\"dead_letters\":%d,"
                        + "\"job_seconds\":%.1f,"
                        + "\"seconds\":%.1f,\"events_per_second\":%.0f,\"output\":\"%s\"}%n",
                input, events, lines(output.resolve(Topic.RECOMMENDATIONS.replayFileName())),
                lines(output.resolve(Topic.TRAINING_EXAMPLES.replayFileName())),
                lines(output.resolve(Topic.DEAD_LETTER.replayFileName())),
                result.getNetRuntime() / 1000.0, seconds, events / seconds, output);
        return 0;
    }

    private static long lines(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.count();
        }
    }
}
