package dev.funnelflow.flink;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Payment;
import dev.funnelflow.event.RecordOrigin;

/** Flink's serializer contract for validated events between operators. */
class ClickEventSerializerTest extends HandWrittenSerializerTest<ClickEvent> {

    /** Every optional part present, then every optional part absent. */
    static final ClickEvent PURCHASE = new ClickEvent("e1", 1_000L, "u1", "s1", EventType.PURCHASE, "i1", "c1", 9.99, 2,
            "o1", null, "r1", new EventContext("d1", "10.0.0.1", "Mozilla/5.0 (çà)", "DE", "web"),
            new Payment("card", "fp1", 19.98, "EUR"), new RecordOrigin("clickstream", 1, 42L, 1_001L, 1_000L));
    static final ClickEvent BARE_VIEW = new ClickEvent("e2", 2_000L, "u2", null, EventType.VIEW, null, null, null, 1,
            null, null, null, null, new Payment(null, null, null, null), null);

    ClickEventSerializerTest() {
        super(ClickEventSerializer.INSTANCE, ClickEvent.class);
    }

    @Override
    protected ClickEvent[] getTestData() {
        return new ClickEvent[] {PURCHASE, BARE_VIEW};
    }
}
