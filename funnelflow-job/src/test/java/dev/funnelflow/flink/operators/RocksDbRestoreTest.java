package dev.funnelflow.flink.operators;

import static dev.funnelflow.flink.operators.UserActivityFunctionTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.flink.routing.DeadLetters;
import dev.funnelflow.job.ClickstreamJob;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecommendationRequest;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Per-user state written to RocksDB survives a checkpoint and restore into a fresh operator instance. */
class RocksDbRestoreTest {

    private final JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of()));

    @Test
    void sessionDedupAndProfileSurviveRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness()) {
            before.open();
            before.processElement1(event("e1", EventType.VIEW, "a", 1000), 1000);
            before.processElement1(event("e2", EventType.VIEW, "b", 2000), 2000);
            before.prepareSnapshotPreBarrier(1); // what the task does before each snapshot; the harness does not
            snapshot = before.snapshot(1, 3000);
        }

        try (var after = harness()) {
            after.initializeState(snapshot);
            after.open();
            after.processElement1(event("e2", EventType.VIEW, "b", 2000), 2000);
            after.processElement1(event("e3", EventType.VIEW, "c", 4000), 4000);

            assertThat(after.getSideOutput(DeadLetters.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().error()).isEqualTo("duplicate_event"));
            List<RecommendationRequest> requests = after.getSideOutput(UserActivityFunction.REQUESTS).stream()
                    .map(StreamRecord::getValue).toList();
            assertThat(requests).singleElement().satisfies(r -> assertThat(r.expectedLists()).isEqualTo(4));
            ItemSignal trigger = after.extractOutputValues().get(0);
            assertThat(trigger.coItems().ids()).containsExactly("b", "a");
        }
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> harness()
            throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new UserActivityFunction(ClickstreamJob.userActivity(settings)), ClickEvent::userId, ForgetUser::userId,
                Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }
}
