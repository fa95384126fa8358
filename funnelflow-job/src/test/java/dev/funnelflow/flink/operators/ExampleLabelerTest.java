package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.flink.routing.UserInput;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.TrainingExample;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ExampleLabelerTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    private final RankingSettings settings = JobSettings.from(JobConfig.load(null, Map.of(
            "funnelflow.ranking.labels.click-window", "30 min", "funnelflow.ranking.labels.convert-window", "2 h")))
            .ranking();

    @Test
    void labelsByWhatTheUserDidWithinEachWindowThenWritesEachExampleOnceAndForgets() throws Exception {
        // On the heap backend: only it can count state entries in a two-input harness.
        try (var harness = harness()) {
            harness.setStateBackend(new HashMapStateBackend());
            harness.open();
            harness.processElement2(example("r1/a", "a", 0), 0);
            harness.processElement2(example("r1/b", "b", 0), 0);
            harness.processElement2(example("r1/c", "c", 0), 0);
            harness.processElement1(event(EventType.VIEW, "a", 10 * MINUTE), 10 * MINUTE);
            harness.processElement1(event(EventType.VIEW, "b", 45 * MINUTE), 45 * MINUTE);
            harness.processElement1(event(EventType.PURCHASE, "b", 90 * MINUTE), 90 * MINUTE);
            watermark(harness, HOUR);
            assertThat(harness.extractOutputValues()).isEmpty();

            watermark(harness, 2 * HOUR);
            assertThat(harness.extractOutputValues()).extracting(e -> e.served().itemId() + ":" + label(e))
                    .containsExactlyInAnyOrder("a:10", "b:01", "c:00");

            watermark(harness, 4 * HOUR);
            assertThat(harness.extractOutputValues()).hasSize(3);
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void interactionsThatArriveBeforeTheirExampleStillLabelIt() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement1(event(EventType.VIEW, "a", 5 * MINUTE), 5 * MINUTE);
            harness.processElement1(event(EventType.VIEW, "z", -MINUTE), -MINUTE);
            harness.processElement2(example("r1/a", "a", 0), 0);
            harness.processElement2(example("r1/z", "z", 0), 0);
            watermark(harness, 3 * HOUR);
            assertThat(harness.extractOutputValues()).extracting(e -> e.served().itemId() + ":" + label(e))
                    .containsExactlyInAnyOrder("a:10", "z:00");
        }
    }

    @Test
    void atTheEndOfABoundedInputExamplesWithoutAClosedWindowAreDropped() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement2(example("r1/a", "a", 0), 0);
            harness.processElement2(example("r2/a", "a", 3 * HOUR), 3 * HOUR);
            harness.processElement1(event(EventType.VIEW, "x", 3 * HOUR), 3 * HOUR);
            watermark(harness, Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).extracting(e -> e.served().exampleId()).containsExactly("r1/a");
        }
    }

    @Test
    void aForgetDeletesTheUsersOutcomesAndTimersAndNoOneElses() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement2(example("r1/a", "a", 0), 0);
            harness.processElement1(event(EventType.VIEW, "a", 10 * MINUTE), 10 * MINUTE);
            harness.processElement1(event(EventType.VIEW, "b", 20 * MINUTE), 20 * MINUTE);
            harness.processElement2(example("w", "r2/a", "a", 0), 0);
            assertThat(harness.numEventTimeTimers()).isEqualTo(4);

            harness.processElement1(UserInput.of(new ForgetUser("forget-1", HOUR, "u"), Long.MIN_VALUE), HOUR);
            assertThat(harness.numEventTimeTimers()).as("only the other user's").isEqualTo(1);

            // The view of b would have labelled this late example a click, had it not been forgotten.
            harness.processElement2(example("r3/b", "b", 10 * MINUTE), 10 * MINUTE);
            watermark(harness, 4 * HOUR);
            assertThat(harness.extractOutputValues()).extracting(e -> e.served().exampleId() + ":" + label(e))
                    .containsExactlyInAnyOrder("r2/a:00", "r3/b:00");
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void examplesServedBeforeTheForgetThatArriveAfterItAreDroppedAndLaterOnesLabelled() throws Exception {
        try (var harness = harness()) {
            harness.setStateBackend(new HashMapStateBackend());
            harness.open();
            harness.processElement1(event(EventType.VIEW, "a", 10 * MINUTE), 10 * MINUTE);
            harness.processElement1(UserInput.of(new ForgetUser("forget-1", HOUR, "u"), 10 * MINUTE), HOUR);

            // Ranked before the forget, for the view at 10 minutes; it comes the long way round, after the forget.
            harness.processElement2(example("r1/a", "a", 10 * MINUTE), 10 * MINUTE);
            assertThat(harness.numKeyedStateEntries()).as("only the forget's cut-off").isOne();
            assertThat(harness.numEventTimeTimers()).isZero();

            harness.processElement2(example("r2/b", "b", 11 * MINUTE), 11 * MINUTE);
            harness.processElement1(event(EventType.VIEW, "b", 12 * MINUTE), 12 * MINUTE);
            watermark(harness, 4 * HOUR);
            assertThat(harness.extractOutputValues()).extracting(e -> e.served().exampleId() + ":" + label(e))
                    .containsExactly("r2/b:10");
        }
    }

    /** Both inputs advance together, as events and examples do in the job. */
    private static void watermark(KeyedTwoInputStreamOperatorTestHarness<String, UserInput, ServedExample,
            TrainingExample> harness, long time) throws Exception {
        harness.processWatermark1(new Watermark(time));
        harness.processWatermark2(new Watermark(time));
    }

    private static String label(TrainingExample example) {
        return (example.click() ? "1" : "0") + (example.convert() ? "1" : "0");
    }

    private KeyedTwoInputStreamOperatorTestHarness<String, UserInput, ServedExample, TrainingExample> harness()
            throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new ExampleLabeler(settings, Duration.ofMinutes(5))),
                UserInput::userId, ServedExample::userId, Types.STRING);
        // RocksDB with TTL is where a map entry changed through its iterator was once not written back.
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    private static ServedExample example(String id, String item, long time) {
        return example("u", id, item, time);
    }

    private static ServedExample example(String user, String id, String item, long time) {
        return new ServedExample(id, time, user, item, new float[] {1, 2}, "champion", null);
    }

    private static UserInput event(EventType type, String item, long time) {
        return event("u", type, item, time);
    }

    private static UserInput event(String user, EventType type, String item, long time) {
        return UserInput.of(new ClickEvent("e" + item + time, time, user, "s", type, item, null, null, 1, null,
                null, null, null, null, null));
    }
}
