package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.DistinctRecent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** The users of a device or IP (cross-key state), and the cards and devices inside a user's risk state. */
public final class DistinctRecentSerializer extends StateSerializer<DistinctRecent> {

    public static final DistinctRecentSerializer INSTANCE = new DistinctRecentSerializer();

    @Override
    public DistinctRecent createInstance() {
        return new DistinctRecent();
    }

    @Override
    public void serialize(DistinctRecent recent, DataOutputView out) throws IOException {
        out.writeBoolean(recent != null);
        if (recent != null) {
            CompactCodec.writeArrayOrNull(recent.getValues(), out);
            CompactCodec.writeLongs(recent.getLastSeen(), out);
            out.writeInt(recent.getCapacity());
        }
    }

    @Override
    public DistinctRecent deserialize(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        DistinctRecent recent = new DistinctRecent();
        recent.setValues(CompactCodec.readArrayOrNull(in));
        recent.setLastSeen(CompactCodec.readLongs(in));
        recent.setCapacity(in.readInt());
        return recent;
    }

    @Override
    public TypeSerializerSnapshot<DistinctRecent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends MigratingFromPojo<DistinctRecent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
