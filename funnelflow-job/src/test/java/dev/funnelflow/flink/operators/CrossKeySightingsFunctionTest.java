package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.DistinctRecent;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.operators.CrossKeySightingsFunction.CrossKey;
import dev.funnelflow.flink.routing.CrossKeyForget;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CrossKeySightingsFunctionTest {

    private static final long T0 = 1_793_577_600_000L;

    @Test
    void usersOfOneDeviceTravelWithTheLookupToTheUsersKey() throws Exception {
        try (var harness = harness(CrossKey.DEVICE)) {
            for (int u = 1; u <= 5; u++) {
                harness.processElement1(CrossKeyLookup.of(event("u" + u, "farm-1", "1.2.3." + u, T0 + u)), T0 + u);
            }
            harness.processElement1(CrossKeyLookup.of(event("u1", "farm-1", "1.2.3.1", T0 + 10)), T0 + 10);
            List<CrossKeyLookup> out = harness.extractOutputValues();
            assertThat(out).hasSize(6);
            assertThat(out.get(4).sightings().deviceUserTimes()).hasSize(5);
            assertThat(out.get(5).sightings().deviceUserTimes()).containsExactlyInAnyOrder(T0 + 10, T0 + 2, T0 + 3, T0 + 4, T0 + 5);
            assertThat(out.get(5).sightings().ipUserTimes()).as("another key's field is left alone").isNull();
            assertThat(out.get(5)).as("the lookup names its event, for the user's key to join it back")
                    .extracting(CrossKeyLookup::eventId, CrossKeyLookup::userId).containsExactly("e-u1-" + (T0 + 10), "u1");
            assertThat(users(harness, "DEVICE:farm-1").size()).isEqualTo(5);
        }
    }

    @Test
    void eventsWithoutTheAttributePassUnchangedAndAreKeyedByUser() throws Exception {
        try (var harness = harness(CrossKey.IP)) {
            CrossKeyLookup noIp = CrossKeyLookup.of(event("u1", "d", null, T0));
            assertThat(CrossKey.IP.keySelector().getKey(noIp)).isEqualTo("~user:u1");
            harness.processElement1(noIp, T0);
            assertThat(harness.extractOutputValues()).containsExactly(noIp);
        }
    }

    @Test
    void aForgetDropsTheUserFromTheKeyAndLeavesTheOtherUsers() throws Exception {
        try (var harness = harness(CrossKey.DEVICE)) {
            for (int u = 1; u <= 3; u++) {
                harness.processElement1(CrossKeyLookup.of(event("u" + u, "shared", "1.2.3.4", T0 + u)), T0 + u);
            }
            harness.processElement1(CrossKeyLookup.of(event("u2", "own", "1.2.3.4", T0 + 5)), T0 + 5);

            harness.processElement2(new CrossKeyForget("DEVICE:shared", "u2", T0 + 5, "forget-1"), T0 + 6);
            harness.processElement2(new CrossKeyForget("DEVICE:own", "u2", T0 + 5, "forget-1"), T0 + 6);

            assertThat(users(harness, "DEVICE:shared").getValues()).containsExactlyInAnyOrder("u1", "u3");
            assertThat(users(harness, "DEVICE:own")).as("no user left: the key's state is gone").isNull();
            harness.processElement1(CrossKeyLookup.of(event("u1", "shared", "1.2.3.4", T0 + 10)), T0 + 10);
            assertThat(harness.extractOutputValues().get(4).sightings().deviceUserTimes())
                    .containsExactlyInAnyOrder(T0 + 10, T0 + 3);
        }
    }

    @Test
    void aLookupOfTheForgottenUserThatTheForgetOvertookGoesOnWithoutBeingRecorded() throws Exception {
        try (var harness = harness(CrossKey.DEVICE)) {
            harness.processElement1(CrossKeyLookup.of(event("u1", "shared", "1.2.3.4", T0 + 1)), T0 + 1);
            harness.processElement1(CrossKeyLookup.of(event("u2", "shared", "1.2.3.4", T0 + 2)), T0 + 2);
            harness.processElement2(new CrossKeyForget("DEVICE:shared", "u2", T0 + 5, "forget-1"), T0 + 6);

            // u2's event at T0 + 5 was accepted before the forget; its lookup came the other way and arrives now.
            CrossKeyLookup inFlight = CrossKeyLookup.of(event("u2", "shared", "1.2.3.4", T0 + 5));
            harness.processElement1(inFlight, T0 + 7);
            assertThat(users(harness, "DEVICE:shared").getValues()).containsExactly("u1");
            assertThat(harness.extractOutputValues().get(2)).as("fraud detection still waits for it")
                    .satisfies(out -> {
                        assertThat(out.eventId()).isEqualTo(inFlight.eventId());
                        assertThat(out.sightings().deviceUserTimes()).containsExactly(T0 + 1);
                    });

            harness.processElement1(CrossKeyLookup.of(event("u2", "shared", "1.2.3.4", T0 + 8)), T0 + 8);
            assertThat(users(harness, "DEVICE:shared").getValues()).as("new activity")
                    .containsExactlyInAnyOrder("u1", "u2");
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, CrossKeyLookup, CrossKeyForget, CrossKeyLookup> harness(
            CrossKey key) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new CrossKeySightingsFunction(key, FraudSettings.defaults(), Duration.ofMinutes(5)), key.keySelector(),
                CrossKeyForget::key, Types.STRING);
    }

    private static DistinctRecent users(
            KeyedTwoInputStreamOperatorTestHarness<String, CrossKeyLookup, CrossKeyForget, CrossKeyLookup> harness, String key)
            throws Exception {
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
