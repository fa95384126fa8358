package dev.funnelflow.job;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.io.KafkaIO;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/** The production wiring on Kafka with the bundled configuration, for tests that inspect its graph, never run it. */
public final class ProductionTopology {

    private ProductionTopology() {}

    public static StreamGraph streamGraph() {
        Configuration config = JobConfig.load(null, Map.of("funnelflow.kafka.bootstrap-servers", "localhost:1"));
        JobSettings settings = JobSettings.from(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ClickstreamJob.define(env, settings, KafkaIO.clickstreamSource(config, settings.parser()), KafkaIO.controlSource(config),
                KafkaIO.sinks(config));
        return env.getStreamGraph();
    }
}
