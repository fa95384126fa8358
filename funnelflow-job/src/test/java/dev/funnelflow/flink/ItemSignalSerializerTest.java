package dev.funnelflow.flink;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.recs.ItemSignal;

/** Flink's serializer contract for the signals from user activity to the candidate lists. */
class ItemSignalSerializerTest extends HandWrittenSerializerTest<ItemSignal> {

    ItemSignalSerializerTest() {
        super(ItemSignalSerializer.INSTANCE, ItemSignal.class);
    }

    @Override
    protected ItemSignal[] getTestData() {
        ItemRefs items = new ItemRefs(new String[] {"a", "çà"}, new String[] {"c1", null}, new float[] {1.5f, Float.NaN});
        return new ItemSignal[] {
                new ItemSignal("i:a", "r1", 0.5f, EventType.VIEW, items, new float[] {1f, 0.5f}, 1_000L, true, "shoes"),
                new ItemSignal("i:b", "r2", 0f, EventType.CLICK, ItemRefs.NONE, new float[0], 1_500L, true, null),
                new ItemSignal("i:c", null, 0f, EventType.PURCHASE, ItemRefs.NONE, new float[0], 2_000L, false, null)};
    }
}
