package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.junit.jupiter.api.Test;

class ClickstreamJobTest {

    @Test
    void alertsWorkOnUserActivitysAcceptedEventsAndLifecycleRunsInItsTask() {
        JobGraph graph = ProductionTopology.streamGraph().getJobGraph();
        List<String> tasks = StreamSupport.stream(graph.getVertices().spliterator(), false)
                .map(JobVertex::getName).toList();
        // Duplicates and late events stop at user-activity; what passes goes on to fraud and lifecycle from its task.
        assertThat(tasks).anySatisfy(task -> assertThat(task).startsWith("user-activity")
                .contains("customer-lifecycle", "fraud-inputs", "transactional-events", "cross-key-lookups"));
    }
}
