package dev.funnelflow.flink;

import dev.funnelflow.event.EventType;
import dev.funnelflow.recs.ItemRefs;
import dev.funnelflow.recs.ItemSignal;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Signals from each user's activity to the candidate lists: several per view (lookups and co-occurrences), the
 * job's busiest shuffle. Strings go through {@link CompactStrings}.
 */
final class ItemSignalSerializer extends WireSerializer<ItemSignal> {

    static final ItemSignalSerializer INSTANCE = new ItemSignalSerializer();

    private static final EventType[] TYPES = EventType.values();

    @Override
    public ItemSignal createInstance() {
        return new ItemSignal("", null, 0f, TYPES[0], ItemRefs.NONE, new float[0], 0L);
    }

    @Override
    public void serialize(ItemSignal signal, DataOutputView out) throws IOException {
        CompactStrings.write(signal.key(), out);
        CompactStrings.write(signal.recId(), out);
        out.writeFloat(signal.lookupWeight());
        // Signals live for milliseconds, never in state or savepoints: the enum's position is safe here.
        out.writeByte(signal.interaction().ordinal());
        CompactStrings.writeArray(signal.coItems().ids(), out);
        CompactStrings.writeArray(signal.coItems().categories(), out);
        CompactStrings.writeFloats(signal.coItems().prices(), out);
        CompactStrings.writeFloats(signal.coWeights(), out);
        out.writeLong(signal.eventTime());
    }

    @Override
    public ItemSignal deserialize(DataInputView in) throws IOException {
        String key = CompactStrings.read(in);
        String recId = CompactStrings.read(in);
        float lookupWeight = in.readFloat();
        EventType interaction = TYPES[in.readUnsignedByte()];
        ItemRefs coItems = new ItemRefs(CompactStrings.readArray(in), CompactStrings.readArray(in),
                CompactStrings.readFloats(in));
        return new ItemSignal(key, recId, lookupWeight, interaction, coItems, CompactStrings.readFloats(in),
                in.readLong());
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
