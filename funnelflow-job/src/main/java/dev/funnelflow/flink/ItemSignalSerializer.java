package dev.funnelflow.flink;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.recs.ItemSignal;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Signals from each user's activity to the candidate lists: several per view (lookups and co-occurrences), the
 * job's busiest shuffle. Strings go through {@link CompactCodec}.
 */
final class ItemSignalSerializer extends WireSerializer<ItemSignal> {

    static final ItemSignalSerializer INSTANCE = new ItemSignalSerializer();

    private static final EventType[] TYPES = EventType.values();

    @Override
    public ItemSignal createInstance() {
        return new ItemSignal("", null, 0f, TYPES[0], ItemRefs.NONE, new float[0], 0L, false, null);
    }

    @Override
    public void serialize(ItemSignal signal, DataOutputView out) throws IOException {
        CompactCodec.write(signal.key(), out);
        CompactCodec.write(signal.recId(), out);
        out.writeFloat(signal.lookupWeight());
        // Signals live for milliseconds, never in state or savepoints: the enum's position is safe here.
        out.writeByte(signal.interaction().ordinal());
        CompactCodec.writeArray(signal.coItems().ids(), out);
        CompactCodec.writeArray(signal.coItems().categories(), out);
        CompactCodec.writeFloats(signal.coItems().prices(), out);
        CompactCodec.writeFloats(signal.coWeights(), out);
        out.writeLong(signal.eventTime());
        out.writeBoolean(signal.asksPopularity());
        CompactCodec.write(signal.category(), out);
    }

    @Override
    public ItemSignal deserialize(DataInputView in) throws IOException {
        String key = CompactCodec.read(in);
        String recId = CompactCodec.read(in);
        float lookupWeight = in.readFloat();
        EventType interaction = TYPES[in.readUnsignedByte()];
        ItemRefs coItems = new ItemRefs(CompactCodec.readArray(in), CompactCodec.readArray(in),
                CompactCodec.readFloats(in));
        return new ItemSignal(key, recId, lookupWeight, interaction, coItems, CompactCodec.readFloats(in),
                in.readLong(), in.readBoolean(), CompactCodec.read(in));
    }

    @Override
    public TypeSerializerSnapshot<ItemSignal> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ItemSignal> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
