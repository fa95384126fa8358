package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.flink.routing.FraudBacklog;

import dev.funnelflow.flink.routing.FraudInput;
import dev.funnelflow.flink.routing.UserInput;
/** Flink's serializer contract for a user's fraud inputs held for their sightings. */
class FraudBacklogSerializerTest extends HandWrittenSerializerTest<FraudBacklog> {

    FraudBacklogSerializerTest() {
        super(FraudBacklogSerializer.INSTANCE, FraudBacklog.class);
    }

    @Override
    protected FraudBacklog[] getTestData() {
        FraudBacklog waiting = new FraudBacklog();
        waiting.accept(FraudInput.inUserOrder(UserInput.of(ClickEventSerializerTest.PURCHASE)), 10L);
        waiting.accept(FraudInput.of(RiskEvent.of(ClickEventSerializerTest.BARE_VIEW)), 11L);
        waiting.accept(FraudInput.of(new ForgetUser("forget-1", 5_000L, "u1"), 4_000L), 12L);
        waiting.attach(new CrossKeyLookup("later", "u1", 7L, "d", null,
                new CrossKeySightings(new long[] {3L}, null)), 13L);
        return new FraudBacklog[] {new FraudBacklog(), waiting};
    }
}
