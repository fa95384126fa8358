package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;

/** Flink's serializer contract for transactional events on their way through the device and IP keys. */
class CrossKeyLookupSerializerTest extends HandWrittenSerializerTest<CrossKeyLookup> {

    CrossKeyLookupSerializerTest() {
        super(CrossKeyLookupSerializer.INSTANCE, CrossKeyLookup.class);
    }

    @Override
    protected CrossKeyLookup[] getTestData() {
        return new CrossKeyLookup[] {CrossKeyLookup.of(ClickEventSerializerTest.BARE_VIEW),
                CrossKeyLookup.of(ClickEventSerializerTest.PURCHASE)
                        .withSightings(new CrossKeySightings(new long[] {1L, 2L}, new long[0]))};
    }
}
