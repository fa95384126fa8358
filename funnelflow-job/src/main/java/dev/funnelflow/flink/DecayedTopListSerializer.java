package dev.funnelflow.flink;

import dev.funnelflow.recs.DecayedTopList;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed state of an item's neighbours or a category's popular items: read and rewritten on every signal that
 * reaches the list, so its strings go through {@link CompactCodec}.
 */
public final class DecayedTopListSerializer extends HandWrittenSerializer<DecayedTopList> {

    public static final DecayedTopListSerializer INSTANCE = new DecayedTopListSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public DecayedTopList createInstance() {
        return new DecayedTopList();
    }

    @Override
    public DecayedTopList copy(DecayedTopList from) {
        DecayedTopList copy = new DecayedTopList();
        copy.setItems(from.getItems().clone());
        copy.setScores(from.getScores().clone());
        copy.setCategories(from.getCategories().clone());
        copy.setPrices(from.getPrices().clone());
        copy.setReferenceTime(from.getReferenceTime());
        return copy;
    }

    @Override
    public DecayedTopList copy(DecayedTopList from, DecayedTopList reuse) {
        return copy(from);
    }

    @Override
    public void serialize(DecayedTopList list, DataOutputView out) throws IOException {
        CompactCodec.writeArray(list.getItems(), out);
        CompactCodec.writeFloats(list.getScores(), out);
        CompactCodec.writeArray(list.getCategories(), out);
        CompactCodec.writeFloats(list.getPrices(), out);
        out.writeLong(list.getReferenceTime());
    }

    @Override
    public DecayedTopList deserialize(DataInputView in) throws IOException {
        DecayedTopList list = new DecayedTopList();
        list.setItems(CompactCodec.readArray(in));
        list.setScores(CompactCodec.readFloats(in));
        list.setCategories(CompactCodec.readArray(in));
        list.setPrices(CompactCodec.readFloats(in));
        list.setReferenceTime(in.readLong());
        return list;
    }

    @Override
    public TypeSerializerSnapshot<DecayedTopList> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DecayedTopList> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
