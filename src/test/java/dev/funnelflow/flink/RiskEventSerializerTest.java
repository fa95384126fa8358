package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's serializer contract for events with their device and IP sightings. */
class RiskEventSerializerTest extends SerializerTestBase<RiskEvent> {

    RiskEventSerializerTest() {
        super(FieldByFieldEquality.of(RiskEvent.class));
    }

    @Override
    protected TypeSerializer<RiskEvent> createSerializer() {
        return RiskEventSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<RiskEvent> getTypeClass() {
        return RiskEvent.class;
    }

    @Override
    protected RiskEvent[] getTestData() {
        return new RiskEvent[] {RiskEvent.of(ClickEventSerializerTest.BARE_VIEW),
                new RiskEvent(ClickEventSerializerTest.PURCHASE, new CrossKeySightings(new long[] {1L, 2L}, new long[0]))};
    }
}
