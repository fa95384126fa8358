package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.event.EventType;
import dev.funnelflow.flink.DecayedTopListSerializer;
import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.DecayedTopList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.PopularitySample;
import dev.funnelflow.recs.TestItems;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateListOperatorTest {

    /** 0: state on every signal; 1: every other key evicts; 2000: everything stays on the heap until the barrier. */
    @ParameterizedTest(name = "list cache {0}")
    @ValueSource(ints = {0, 1, 2000})
    void answersWithTheListBeforeLearningTheEvent(int listCache) throws Exception {
        try (var harness = open(listCache, null)) {
            harness.processElement1(learn("i:a", "b", 1f), 1);
            harness.processElement1(learn("i:z", "y", 1f), 1);
            harness.processElement1(learn("i:a", "c", 2f), 2);
            harness.processElement1(new ItemSignal("i:a", "r1", 0.5f, EventType.VIEW, TestItems.ids("d"), new float[] {9f}, 3, false, null), 3);
            harness.processElement1(lookup("i:n", "r1", 3), 3);

            List<CandidateList> lists = harness.extractOutputValues();
            assertThat(lists).hasSize(2);
            CandidateList known = lists.get(0);
            assertThat(known.recId()).isEqualTo("r1");
            assertThat(known.source()).isEqualTo(CandidateSource.COVISITATION);
            assertThat(known.weight()).isEqualTo(0.5f);
            assertThat(known.scored().items().ids()).containsExactly("c", "b");
            assertThat(lists.get(1).scored().size()).isZero();
        }
    }

    @ParameterizedTest(name = "list cache {0}")
    @ValueSource(ints = {0, 1, 2000})
    void aCheckpointHoldsEveryChangeTheCacheHasNotWrittenYet(int listCache) throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = open(listCache, null)) {
            harness.processElement1(learn("i:a", "b", 1f), 1);
            harness.processElement1(learn("i:z", "y", 1f), 1);
            harness.processElement1(learn("i:a", "c", 2f), 2);
            harness.prepareSnapshotPreBarrier(1); // what the task does before each snapshot; the harness does not
            snapshot = harness.snapshot(1, 2);
            // After the barrier: not in the snapshot, and must not leak into it through a shared object.
            harness.processElement1(learn("i:a", "e", 5f), 3);
        }
        try (var restored = open(listCache, snapshot)) {
            restored.processElement1(lookup("i:a", "r1", 4), 4);
            restored.processElement1(lookup("i:z", "r2", 4), 4);

            List<CandidateList> lists = restored.extractOutputValues();
            assertThat(lists.get(0).scored().items().ids()).containsExactly("c", "b");
            assertThat(lists.get(1).scored().items().ids()).containsExactly("y");
        }
    }

    @Test
    void answersARequestsPopularityFromItsOwnCopyOfThePopularityLists() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = open(2000, null, 2, 1, 0)) {
            harness.processElement2(sample("p1", "shoes", EventType.VIEW, 1));
            harness.processElement2(sample("p2", "shoes", EventType.VIEW, 1));
            harness.processElement2(sample("p2", "shoes", EventType.PURCHASE, 1));
            harness.processElement2(sample("h1", "hats", EventType.VIEW, 1));
            harness.processElement2(sample("n1", null, EventType.VIEW, 1));
            snapshot = harness.snapshot(1, 2);
        }
        // Rescaled to two subtasks: the second gets the popularity lists too.
        OperatorSubtaskState rescaled = AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, 2, 1, 2, 1);
        String itemOfSecondSubtask = IntStream.range(0, 100).mapToObj(i -> "i:p" + i)
                .filter(key -> KeyGroupRangeAssignment.assignKeyToParallelOperator(key, 2, 2) == 1)
                .findFirst().orElseThrow();
        try (var restored = open(2000, rescaled, 2, 2, 1)) {
            restored.processElement1(new StreamRecord<>(new ItemSignal(itemOfSecondSubtask, "r1", 1f, EventType.VIEW,
                    ItemRefs.NONE, new float[0], 2, true, "shoes"), 2));

            List<CandidateList> lists = restored.extractOutputValues();
            assertThat(lists).extracting(CandidateList::source).containsExactly(CandidateSource.COVISITATION,
                    CandidateSource.CATEGORY_POPULAR, CandidateSource.POPULAR);
            CandidateList category = lists.get(1);
            assertThat(category.scored().items().ids()).containsExactly("p2", "p1");
            assertThat(category.weight()).isEqualTo(0.05f);
            // 1 purchase in 2 views, smoothed by the prior of 50 views at 2%.
            assertThat(category.categoryConversion()).isCloseTo((1 + 0.02 * 50) / (2 + 50), within(1e-9));
            assertThat(lists.get(2).scored().items().ids()).containsExactly("p2", "p1", "h1", "n1");
            assertThat(lists.get(2).weight()).isEqualTo(0.005f);
            assertThat(lists.get(2).categoryConversion()).isNaN();
        }
    }

    /** Savepoints of earlier versions hold the lists of a {@code KeyedProcessOperator} under the same uid. */
    @Test
    void restoresTheListsOfTheProcessFunctionItReplaced() throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of()));
        OperatorSubtaskState snapshot;
        try (var earlier = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EarlierListFunction(settings)), ItemSignal::key, Types.STRING)) {
            earlier.setStateBackend(new EmbeddedRocksDBStateBackend());
            earlier.open();
            earlier.processElement(learn("i:a", "b", 1f), 1);
            snapshot = earlier.snapshot(1, 1);
        }
        try (var restored = open(2000, snapshot)) {
            restored.processElement1(lookup("i:a", "r1", 2), 2);
            assertThat(restored.extractOutputValues().get(0).scored().items().ids()).containsExactly("b");
        }
    }

    /** The state the operator kept as a KeyedProcessFunction: one list per key, same name, serializer and TTL. */
    private static final class EarlierListFunction extends KeyedProcessFunction<String, ItemSignal, CandidateList> {
        private final JobSettings settings;
        private transient ValueState<DecayedTopList> lists;

        EarlierListFunction(JobSettings settings) {
            this.settings = settings;
        }

        @Override
        public void open(OpenContext context) {
            var descriptor = new ValueStateDescriptor<>("candidates", DecayedTopListSerializer.INSTANCE);
            descriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.itemStateTtl()));
            lists = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(ItemSignal signal, Context ctx, Collector<CandidateList> out) throws Exception {
            DecayedTopList list = new DecayedTopList();
            list.add(signal.coItems(), 0, signal.coWeights()[0], signal.eventTime(), 100, Long.MAX_VALUE / 4);
            lists.update(list);
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ItemSignal, PopularitySample, CandidateList> open(
            int listCache, OperatorSubtaskState state) throws Exception {
        return open(listCache, state, 1, 1, 0);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ItemSignal, PopularitySample, CandidateList> open(
            int listCache, OperatorSubtaskState state, int maxParallelism, int parallelism, int subtask)
            throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null,
                Map.of("funnelflow.recs.list-cache", String.valueOf(listCache))));
        // The second input is broadcast, not keyed; the harness wants a key for it, which the operator never uses.
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new CandidateListOperator(settings.recs(),
                settings.itemStateTtl(), settings.itemListCache()), ItemSignal::key, PopularitySample::itemId,
                Types.STRING, maxParallelism, parallelism, subtask);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.setup();
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    private static ItemSignal learn(String key, String item, float weight) {
        return new ItemSignal(key, null, 0f, EventType.VIEW, TestItems.ids(item), new float[] {weight}, 1, false, null);
    }

    private static ItemSignal lookup(String key, String recId, long time) {
        return new ItemSignal(key, recId, 1f, EventType.VIEW, ItemRefs.NONE, new float[0], time, false, null);
    }

    private static StreamRecord<PopularitySample> sample(String item, String category, EventType type, long time) {
        return new StreamRecord<>(new PopularitySample(item, category, 5f, type, 1f, time), time);
    }
}
