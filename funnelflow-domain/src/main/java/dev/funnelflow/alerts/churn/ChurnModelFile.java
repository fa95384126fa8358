package dev.funnelflow.alerts.churn;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The churn model file a running job follows: a newer {@code train churn} output dropped in its place is read on
 * the next {@link #changed} call, so parameters change without a restart. A file that fails to read is reported
 * once and not retried until it changes again.
 */
public final class ChurnModelFile implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String location;
    private transient long lastModified = Long.MIN_VALUE;

    /** @param location a models directory (holding {@link ChurnModel#FILE_NAME}) or the model file itself */
    public ChurnModelFile(String location) {
        this.location = location;
    }

    public Path file() {
        Path path = Path.of(location);
        return Files.isDirectory(path) ? path.resolve(ChurnModel.FILE_NAME) : path;
    }

    /** Reads the model now, whether or not it changed. */
    public ChurnModel read() throws IOException {
        Path file = file();
        lastModified = Files.getLastModifiedTime(file).toMillis();
        return ChurnModel.read(file);
    }

    /**
     * The model, if the file changed since the last read; empty if it did not (or is missing for now: a file
     * being replaced keeps the model that serves).
     *
     * @throws IOException if it changed but cannot be read as a model
     */
    public Optional<ChurnModel> changed() throws IOException {
        Path file = file();
        if (!Files.exists(file) || Files.getLastModifiedTime(file).toMillis() == lastModified) {
            return Optional.empty();
        }
        return Optional.of(read());
    }
}
