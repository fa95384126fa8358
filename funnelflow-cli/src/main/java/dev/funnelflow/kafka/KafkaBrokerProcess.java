package dev.funnelflow.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.Exit;

/**
 * The main class of the broker process {@link EmbeddedKafka} starts: Kafka's own command-line entry points, run
 * as {@code kafka-storage.sh format} and {@code kafka-server-start.sh} run them, in one JVM that exits when its
 * parent does.
 *
 * <p>Usage: {@code KafkaBrokerProcess [--format CLUSTER_ID] SERVER_PROPERTIES}. With {@code --format}, the log
 * directories named in the properties are first formatted by {@code kafka.tools.StorageTool format} (in this JVM,
 * saving a second JVM start; the tool ends by calling {@link Exit#exit}, which is caught here). Then
 * {@code kafka.Kafka} runs the broker until the process ends.
 *
 * <p>The parent holds this process's standard input open and never writes to it. When it reaches end of file
 * (the parent closed it, or died, however abruptly), this process exits; Kafka's shutdown hook stops the broker
 * first. Not meant to be run by hand: with standard input at end of file it would exit at once.
 */
public final class KafkaBrokerProcess {

    /** Exit status when the storage format fails; StorageTool has printed why to standard error. */
    static final int FORMAT_FAILED = 3;

    private KafkaBrokerProcess() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(List.of(args));
        String clusterId = null;
        if (arguments.size() == 3 && arguments.get(0).equals("--format")) {
            clusterId = arguments.get(1);
            arguments = arguments.subList(2, 3);
        }
        if (arguments.size() != 1) {
            System.err.println("usage: KafkaBrokerProcess [--format CLUSTER_ID] SERVER_PROPERTIES");
            System.exit(2);
        }
        String serverProperties = arguments.get(0);
        exitWhenParentGoes(System.in);
        if (clusterId != null) {
            int status = format(clusterId, serverProperties);
            if (status != 0) {
                System.exit(FORMAT_FAILED);
            }
        }
        try {
            kafka.Kafka.main(new String[] {serverProperties});  // returns only by exiting the JVM
        } catch (Throwable e) {
            e.printStackTrace();
        }
        // Kafka's threads would keep a broker that failed this way running without serving: end the process.
        System.exit(1);
    }

    /** {@code kafka-storage.sh format --cluster-id ID --config FILE}; returns the tool's exit status. */
    private static int format(String clusterId, String serverProperties) {
        Exit.setExitProcedure((status, message) -> {
            throw new ToolExit(status);
        });
        try {
            kafka.tools.StorageTool.main(new String[] {"format", "--cluster-id", clusterId, "--config", serverProperties});
            return 0;  // the tool always exits; returning normally would be a change in it, not a failure
        } catch (ToolExit exit) {
            return exit.status;
        } finally {
            // Back to exiting the JVM, for kafka.Kafka. Not Exit.resetExitProcedure(): since Kafka 4 that installs a
            // trap for tests which throws instead of exiting, and a broker that fails to start would hang.
            Exit.setExitProcedure((status, message) -> System.exit(status));
        }
    }

    private static void exitWhenParentGoes(InputStream parentPipe) {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[64];
            try {
                while (parentPipe.read(buffer) != -1) {
                    // the parent writes nothing; anything it does write is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the parent is gone as well
            }
            System.exit(0);  // runs Kafka's shutdown hook, which stops the broker cleanly
        }, "funnelflow-parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Unwinds StorageTool's final {@code Exit.exit} instead of ending the JVM. */
    private static final class ToolExit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ToolExit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }
}
