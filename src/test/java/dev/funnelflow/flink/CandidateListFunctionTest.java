package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.EventType;
import dev.funnelflow.job.JobConfig;
import dev.funnelflow.job.JobSettings;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.ItemRefs;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.TestItems;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CandidateListFunctionTest {

    @Test
    void answersWithTheListBeforeLearningTheEvent() throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of()));
        try (KeyedOneInputStreamOperatorTestHarness<String, ItemSignal, CandidateList> harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new CandidateListFunction(settings), ItemSignal::key, Types.STRING)) {
            harness.processElement(learn("i:a", "b", 1f), 1);
            harness.processElement(learn("i:a", "c", 2f), 2);
            harness.processElement(new ItemSignal("i:a", "r1", 0.5f, EventType.VIEW, TestItems.ids("d"), new float[] {9f}, 3), 3);
            harness.processElement(new ItemSignal("i:z", "r1", 1f, EventType.VIEW, ItemRefs.NONE, new float[0], 3), 3);

            List<CandidateList> lists = harness.extractOutputValues();
            assertThat(lists).hasSize(2);
            CandidateList known = lists.get(0);
            assertThat(known.recId()).isEqualTo("r1");
            assertThat(known.source()).isEqualTo(CandidateSource.COVISITATION);
            assertThat(known.weight()).isEqualTo(0.5f);
            assertThat(known.scored().items().ids()).containsExactly("c", "b");
            assertThat(lists.get(1).scored().size()).isZero();
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        }
    }

    private static ItemSignal learn(String key, String item, float weight) {
        return new ItemSignal(key, null, 0f, EventType.VIEW, TestItems.ids(item), new float[] {weight}, 1);
    }
}
