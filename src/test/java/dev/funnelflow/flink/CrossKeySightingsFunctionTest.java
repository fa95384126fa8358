package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.fraud.DistinctRecent;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.CrossKeySightingsFunction.CrossKey;
import java.util.List;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CrossKeySightingsFunctionTest {

    private static final long T0 = 1_793_577_600_000L;

    @Test
    void usersOfOneDeviceTravelWithTheEventToTheUsersKey() throws Exception {
        try (var harness = harness(CrossKey.DEVICE)) {
            for (int u = 1; u <= 5; u++) {
                harness.processElement(RiskEvent.of(event("u" + u, "farm-1", "1.2.3." + u, T0 + u)), T0 + u);
            }
            harness.processElement(RiskEvent.of(event("u1", "farm-1", "1.2.3.1", T0 + 10)), T0 + 10);
            List<RiskEvent> out = harness.extractOutputValues();
            assertThat(out).hasSize(6);
            assertThat(out.get(4).sightings().deviceUserTimes()).hasSize(5);
            assertThat(out.get(5).sightings().deviceUserTimes()).containsExactlyInAnyOrder(T0 + 10, T0 + 2, T0 + 3, T0 + 4, T0 + 5);
            assertThat(out.get(5).sightings().ipUserTimes()).as("another key's field is left alone").isNull();
            assertThat(users(harness, "DEVICE:farm-1").size()).isEqualTo(5);
        }
    }

    @Test
    void eventsWithoutTheAttributePassUnchangedAndAreKeyedByUser() throws Exception {
        try (var harness = harness(CrossKey.IP)) {
            RiskEvent noIp = RiskEvent.of(event("u1", "d", null, T0));
            assertThat(CrossKey.IP.keySelector().getKey(noIp)).isEqualTo("~user:u1");
            harness.processElement(noIp, T0);
            assertThat(harness.extractOutputValues()).containsExactly(noIp);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RiskEvent, RiskEvent> harness(CrossKey key)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new CrossKeySightingsFunction(key, FraudSettings.defaults()), key.keySelector(), Types.STRING);
    }

    private static DistinctRecent users(KeyedOneInputStreamOperatorTestHarness<String, RiskEvent, RiskEvent> harness,
            String key) throws Exception {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        operator.setCurrentKey(key);
        return operator.getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>("users", DistinctRecent.class)).value();
    }

    static ClickEvent event(String user, String device, String ip, long time) {
        return new ClickEvent("e-" + user + "-" + time, time, user, "s", EventType.LOGIN, null, null, null, 1, null,
                null, null, new EventContext(device, ip, "agent", "DE", "web"), null,
                new RecordOrigin("clickstream", 0, 0));
    }
}
