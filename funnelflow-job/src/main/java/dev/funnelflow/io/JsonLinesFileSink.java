package dev.funnelflow.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes one output topic of a bounded {@code replay} to a single JSON-lines file. Runs with parallelism 1; the
 * file appears under its final name only once the input has ended, so a failed replay never leaves a
 * complete-looking file behind. (Replay runs without restarts; Kafka sinks carry exactly-once.)
 */
public final class JsonLinesFileSink implements Sink<OutputRecord> {

    private static final long serialVersionUID = 1L;

    private final String path;

    public JsonLinesFileSink(Path path) {
        this.path = path.toString();
    }

    @Override
    public SinkWriter<OutputRecord> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException("JsonLinesFileSink must run with parallelism 1");
        }
        return new Writer(Path.of(path));
    }

    private static final class Writer implements SinkWriter<OutputRecord> {
        private final Path target;
        private final Path inProgress;
        private final OutputStream out;
        private boolean finished;

        Writer(Path target) throws IOException {
            this.target = target;
            this.inProgress = target.resolveSibling(target.getFileName() + ".inprogress");
            this.out = new BufferedOutputStream(Files.newOutputStream(inProgress), 1 << 16);
        }

        @Override
        public void write(OutputRecord record, Context context) throws IOException {
            out.write(record.value());
            out.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
            if (endOfInput && !finished) {
                out.close();
                Files.move(inProgress, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                finished = true;
            }
        }

        @Override
        public void close() {
            if (!finished) {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
