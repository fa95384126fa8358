package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.fraud.DistinctRecent;
import dev.funnelflow.alerts.fraud.UserRiskState;
import dev.funnelflow.flink.operators.StateTtl;
import dev.funnelflow.profile.UserProfile;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Keyed state that earlier versions wrote with Flink's POJO serializer is read after an upgrade to the hand-written
 * serializers: a RocksDB snapshot taken with the POJO serializer restores into the new descriptor, with TTL as the
 * job declares it, and Flink migrates the values.
 */
class StateMigrationTest {

    @Test
    void aUsersRiskStateWrittenByThePojoSerializerIsReadAfterTheUpgrade() throws Exception {
        UserRiskState written = UserRiskStateSerializerTest.observed();
        UserRiskState read = migrate(UserRiskState.class, UserRiskStateSerializer.INSTANCE, written);
        assertThat(read).usingRecursiveComparison().isEqualTo(written);
    }

    @Test
    void aUsersProfileWrittenByThePojoSerializerIsReadAfterTheUpgrade() throws Exception {
        UserProfile written = UserProfileSerializerTest.observed();
        UserProfile read = migrate(UserProfile.class, UserProfileSerializer.INSTANCE, written);
        assertThat(read).usingRecursiveComparison().isEqualTo(written);
    }

    @Test
    void theUsersOfADeviceWrittenByThePojoSerializerAreReadAfterTheUpgrade() throws Exception {
        DistinctRecent written = new DistinctRecent(4);
        written.add("u1", 1_000);
        written.add("u2", 2_000);
        DistinctRecent read = migrate(DistinctRecent.class, DistinctRecentSerializer.INSTANCE, written);
        assertThat(read).usingRecursiveComparison().isEqualTo(written);
    }

    private static <T> T migrate(Class<T> type, TypeSerializer<T> handWritten, T value) throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness(new ValueStateDescriptor<>("state", type), value)) {
            before.open();
            before.processElement("key", 1);
            snapshot = before.snapshot(1, 2);
        }
        try (var after = harness(new ValueStateDescriptor<>("state", handWritten), null)) {
            after.initializeState(snapshot);
            after.open();
            after.processElement("key", 3);
            return after.extractOutputValues().get(0);
        }
    }

    private static <T> KeyedOneInputStreamOperatorTestHarness<String, String, T> harness(
            ValueStateDescriptor<T> descriptor, T toWrite) throws Exception {
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(Duration.ofDays(7)));
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new StateHolder<>(descriptor, toWrite)), key -> key, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    /** Writes {@code toWrite} to its state when given one, else emits what the state holds. */
    private static final class StateHolder<T> extends KeyedProcessFunction<String, String, T> {

        private final ValueStateDescriptor<T> descriptor;
        private final T toWrite;
        private transient ValueState<T> state;

        StateHolder(ValueStateDescriptor<T> descriptor, T toWrite) {
            this.descriptor = descriptor;
            this.toWrite = toWrite;
        }

        @Override
        public void open(OpenContext openContext) {
            state = getRuntimeContext().getState(descriptor);
        }

        @Override
        public void processElement(String key, Context ctx, Collector<T> out) throws Exception {
            if (toWrite != null) {
                state.update(toWrite);
            } else {
                out.collect(state.value());
            }
        }
    }
}
