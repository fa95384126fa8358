package dev.funnelflow.job;

import dev.funnelflow.io.KafkaIO;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The clickstream job on Kafka: the production wiring used by the cluster entry point, {@code demo} and {@code bench}. */
public final class KafkaJob {

    private KafkaJob() {}

    public static void define(StreamExecutionEnvironment env, Configuration config) {
        JobSettings settings = JobSettings.from(config);
        ClickstreamJob.define(env, settings, KafkaIO.clickstreamSource(config, settings), KafkaIO.sinks(config));
    }
}
