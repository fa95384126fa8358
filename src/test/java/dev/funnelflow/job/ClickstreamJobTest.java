package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.io.KafkaIO;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class ClickstreamJobTest {

    @Test
    void alertsWorkOnUserActivitysAcceptedEventsAndLifecycleRunsInItsTask() {
        Configuration config = JobConfig.load(null, Map.of("funnelflow.kafka.bootstrap-servers", "localhost:1"));
        JobSettings settings = JobSettings.from(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        ClickstreamJob.define(env, settings, KafkaIO.clickstreamSource(config, settings), KafkaIO.controlSource(config),
                KafkaIO.sinks(config));
        JobGraph graph = env.getStreamGraph().getJobGraph();

        List<String> tasks = StreamSupport.stream(graph.getVertices().spliterator(), false)
                .map(JobVertex::getName).toList();
        // Duplicates and late events stop at user-activity; what passes goes on to fraud and lifecycle from its task.
        assertThat(tasks).anySatisfy(task -> assertThat(task).startsWith("user-activity")
                .contains("customer-lifecycle", "accepted-events", "risk-events"));
    }
}
