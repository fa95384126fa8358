package dev.funnelflow.io;

import org.apache.flink.api.connector.sink2.Sink;

/** Where the job's output topics go: Kafka in production, files in {@code replay}. */
@FunctionalInterface
public interface OutputSinks {

    Sink<OutputRecord> sink(Topic topic);

    /** The parallelism a topic's sink needs, or 0 to run at the job's parallelism. */
    default int parallelism(Topic topic) {
        return 0;
    }
}
