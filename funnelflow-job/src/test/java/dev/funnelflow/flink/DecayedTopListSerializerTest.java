package dev.funnelflow.flink;

import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.recs.DecayedTopList;

/** Flink's serializer contract (copies, reuse, snapshots, duplication) for the item lists' keyed state. */
class DecayedTopListSerializerTest extends HandWrittenSerializerTest<DecayedTopList> {

    DecayedTopListSerializerTest() {
        super(DecayedTopListSerializer.INSTANCE, DecayedTopList.class);
    }

    @Override
    protected DecayedTopList[] getTestData() {
        DecayedTopList neighbours = new DecayedTopList();
        // Unknown categories and prices, a non-ASCII id, and an id long enough for a two-byte length.
        ItemRefs items = new ItemRefs(new String[] {"b", "çà-ü", "x".repeat(300)}, new String[] {"c1", null, "c2"},
                new float[] {9.5f, Float.NaN, 1f});
        for (int i = 0; i < items.size(); i++) {
            neighbours.add(items, i, i + 1f, 1_000L * i, 100, 60_000);
        }
        return new DecayedTopList[] {new DecayedTopList(), neighbours};
    }

}
