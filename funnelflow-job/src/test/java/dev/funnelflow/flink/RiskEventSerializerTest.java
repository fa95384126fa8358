package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskEvent;

/** Flink's serializer contract for events with their device and IP sightings. */
class RiskEventSerializerTest extends HandWrittenSerializerTest<RiskEvent> {

    RiskEventSerializerTest() {
        super(RiskEventSerializer.INSTANCE, RiskEvent.class);
    }

    @Override
    protected RiskEvent[] getTestData() {
        return new RiskEvent[] {RiskEvent.of(ClickEventSerializerTest.BARE_VIEW),
                new RiskEvent(ClickEventSerializerTest.PURCHASE, new CrossKeySightings(new long[] {1L, 2L}, new long[0]))};
    }
}
