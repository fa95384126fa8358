package dev.funnelflow.job;

import dev.funnelflow.config.JobSettings;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.io.JsonLinesFileSink;
import dev.funnelflow.io.JsonLinesFormat;
import dev.funnelflow.io.OutputRecord;
import dev.funnelflow.io.OutputSinks;
import dev.funnelflow.io.RawLinesFormat;
import dev.funnelflow.io.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the clickstream topology bounded: a JSON-lines events file in, one JSON-lines file per output topic out.
 * Same operators, state backend and settings as the streaming job; only source and sinks differ.
 */
public final class Replay {

    private Replay() {}

    /**
     * @param control {@code control} messages (JSON lines, e.g. fraud rule changes) applied alongside the events,
     *     or null for none
     */
    public static JobExecutionResult run(Path input, Path control, Path outputDir, Configuration config)
            throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("input file not found: " + input);
        }
        if (control == null) {
            control = Files.createTempFile("funnelflow-no-control-", ".jsonl");
            control.toFile().deleteOnExit();
        }
        Files.createDirectories(outputDir);
        Configuration replayConfig = new Configuration(config);
        // A bounded run is repeated rather than resumed: fail fast instead of restarting.
        replayConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // Nothing to recover, and a bounded job would wait a whole checkpoint interval for its final checkpoint.
        replayConfig.removeConfig(CheckpointingOptions.CHECKPOINTING_INTERVAL);
        replayConfig.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, false);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(replayConfig);
        JobSettings settings = JobSettings.from(replayConfig);
        FileSource<Ingested> source = FileSource.forRecordStreamFormat(
                        new JsonLinesFormat(settings.parser(), input.getFileName().toString()),
                        new org.apache.flink.core.fs.Path(input.toAbsolutePath().toUri()))
                .build();
        FileSource<byte[]> controlSource = FileSource.forRecordStreamFormat(new RawLinesFormat(),
                new org.apache.flink.core.fs.Path(control.toAbsolutePath().toUri())).build();
        ClickstreamJob.define(env, settings, source, controlSource, fileSinks(outputDir));
        JobExecutionResult result = env.execute("funnelflow-replay");
        // Topics this topology does not produce yet still get their (empty) file, as the contract lists them.
        for (Topic topic : Topic.outputs()) {
            Path file = outputDir.resolve(topic.replayFileName());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
        }
        return result;
    }

    private static OutputSinks fileSinks(Path outputDir) throws IOException {
        for (Topic topic : Topic.outputs()) {
            Files.deleteIfExists(outputDir.resolve(topic.replayFileName()));
        }
        return new OutputSinks() {
            @Override
            public Sink<OutputRecord> sink(Topic topic) {
                return new JsonLinesFileSink(outputDir.resolve(topic.replayFileName()));
            }

            @Override
            public int parallelism(Topic topic) {
                return 1;
            }
        };
    }
}
