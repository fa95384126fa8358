package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.control.ForgetUser;

import dev.funnelflow.flink.routing.FraudInput;
import dev.funnelflow.flink.routing.UserInput;
/** Flink's serializer contract for fraud detection's keyed input: events, forget commands and sightings. */
class FraudInputSerializerTest extends HandWrittenSerializerTest<FraudInput> {

    FraudInputSerializerTest() {
        super(FraudInputSerializer.INSTANCE, FraudInput.class);
    }

    @Override
    protected FraudInput[] getTestData() {
        return new FraudInput[] {FraudInput.of(RiskEvent.of(ClickEventSerializerTest.PURCHASE)),
                FraudInput.inUserOrder(UserInput.of(ClickEventSerializerTest.PURCHASE)),
                FraudInput.of(new ForgetUser("forget-1", 5_000L, "u1"), 4_000L),
                FraudInput.of(CrossKeyLookup.of(ClickEventSerializerTest.PURCHASE)
                        .withSightings(new CrossKeySightings(new long[] {1L, 2L}, null)))};
    }
}
