package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.DistinctRecent;

/** Flink's serializer contract for the users of a device or IP in keyed state. */
class DistinctRecentSerializerTest extends HandWrittenSerializerTest<DistinctRecent> {

    DistinctRecentSerializerTest() {
        super(DistinctRecentSerializer.INSTANCE, DistinctRecent.class);
    }

    @Override
    protected DistinctRecent[] getTestData() {
        DistinctRecent users = new DistinctRecent(3);
        users.add("u1", 1_000);
        users.add("ü2", 2_000);
        users.add("u3", 3_000);
        users.add("u4", 4_000);
        DistinctRecent withoutArrays = new DistinctRecent();
        withoutArrays.setValues(null);
        withoutArrays.setLastSeen(null);
        return new DistinctRecent[] {new DistinctRecent(5), users, withoutArrays};
    }
}
