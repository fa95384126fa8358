package dev.funnelflow.flink;

import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.ScoredItems;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The candidate lists answering each request: several per recommendation, each up to {@code neighbours-returned}
 * items with their categories, from the item-keyed lists to the request-keyed assembly. Strings go through
 * {@link CompactCodec}.
 */
final class CandidateListSerializer extends WireSerializer<CandidateList> {

    static final CandidateListSerializer INSTANCE = new CandidateListSerializer();

    @Override
    public CandidateList createInstance() {
        return new CandidateList("", CandidateSource.COVISITATION, 0f, ScoredItems.EMPTY, Double.NaN);
    }

    @Override
    public void serialize(CandidateList list, DataOutputView out) throws IOException {
        CompactCodec.write(list.recId(), out);
        CompactCodec.write(list.source().name(), out);
        out.writeFloat(list.weight());
        ItemRefs items = list.scored().items();
        CompactCodec.writeArray(items.ids(), out);
        CompactCodec.writeArray(items.categories(), out);
        CompactCodec.writeFloats(items.prices(), out);
        CompactCodec.writeFloats(list.scored().scores(), out);
        out.writeDouble(list.categoryConversion());
    }

    @Override
    public CandidateList deserialize(DataInputView in) throws IOException {
        String recId = CompactCodec.read(in);
        CandidateSource source = CandidateSource.valueOf(CompactCodec.read(in));
        float weight = in.readFloat();
        ItemRefs items = new ItemRefs(CompactCodec.readArray(in), CompactCodec.readArray(in),
                CompactCodec.readFloats(in));
        ScoredItems scored = new ScoredItems(items, CompactCodec.readFloats(in));
        return new CandidateList(recId, source, weight, scored, in.readDouble());
    }

    @Override
    public TypeSerializerSnapshot<CandidateList> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CandidateList> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
