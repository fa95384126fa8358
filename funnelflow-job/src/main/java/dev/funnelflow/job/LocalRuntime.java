package dev.funnelflow.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FileUtils;

/** Settings for jobs run inside this JVM (MiniCluster): where checkpoints go when the user did not say. */
public final class LocalRuntime {

    private LocalRuntime() {}

    /**
     * Points checkpoints at a fresh temporary directory unless one is configured, and the state changelog beside
     * them; returns where checkpoints go. The temporary directory goes when the JVM exits: the embedded broker
     * these jobs read from goes too, so nothing could restore from it, and a {@code bench} run leaves hundreds of MB.
     */
    public static String useTemporaryCheckpointDir(Configuration config) {
        if (!config.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            try {
                Path dir = Files.createTempDirectory("funnelflow-checkpoints-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(dir.toFile()),
                        "delete-" + dir.getFileName()));
                config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String checkpoints = config.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        StateChangelog.storeBeside(checkpoints, config);
        return checkpoints;
    }
}
