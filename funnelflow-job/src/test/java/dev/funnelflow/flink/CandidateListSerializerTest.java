package dev.funnelflow.flink;

import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.ScoredItems;

/** Flink's serializer contract for the candidate lists between the item-keyed lists and assembly. */
class CandidateListSerializerTest extends HandWrittenSerializerTest<CandidateList> {

    CandidateListSerializerTest() {
        super(CandidateListSerializer.INSTANCE, CandidateList.class);
    }

    @Override
    protected CandidateList[] getTestData() {
        ScoredItems scored = new ScoredItems(new ItemRefs(new String[] {"b", "çà-ü"}, new String[] {null, "c2"},
                new float[] {Float.NaN, 3.25f}), new float[] {2f, 1f});
        return new CandidateList[] {
                new CandidateList("r1", CandidateSource.COVISITATION, 0.5f, scored, Double.NaN),
                new CandidateList("r2", CandidateSource.CATEGORY_POPULAR, 0.05f, ScoredItems.EMPTY, 0.031)};
    }

}
