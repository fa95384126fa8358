package dev.funnelflow.cli;

import dev.funnelflow.config.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/** The job-configuration options every job-running command takes. */
public final class JobOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file of Flink and funnelflow.* options, applied over the bundled flink-jobs/clickstream.yaml.")
    Path configFile;

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Set one option, e.g. -Dparallelism.default=1 -Dfunnelflow.recs.k=10 (wins over --config).")
    Map<String, String> properties = new LinkedHashMap<>();

    public Configuration configuration() {
        return JobConfig.load(configFile, properties);
    }

    /** The configuration, checkpointing every {@code interval} unless the user set an interval with -D. */
    public Configuration configuration(Duration checkpointInterval) {
        Configuration config = configuration();
        if (!properties.containsKey(CheckpointingOptions.CHECKPOINTING_INTERVAL.key())) {
            config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        }
        return config;
    }
}
