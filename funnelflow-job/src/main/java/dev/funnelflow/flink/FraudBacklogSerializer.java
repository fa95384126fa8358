package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.flink.routing.FraudBacklog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A user's fraud inputs held for their sightings (keyed state of fraud detection). */
public final class FraudBacklogSerializer extends StateSerializer<FraudBacklog> {

    public static final FraudBacklogSerializer INSTANCE = new FraudBacklogSerializer();

    @Override
    public FraudBacklog createInstance() {
        return new FraudBacklog();
    }

    @Override
    public void serialize(FraudBacklog backlog, DataOutputView out) throws IOException {
        out.writeInt(backlog.held().size());
        for (FraudBacklog.Held entry : backlog.held()) {
            FraudInputSerializer.write(entry.input(), out);
            out.writeLong(entry.heldSince());
        }
        out.writeInt(backlog.early().size());
        for (FraudBacklog.Early sightings : backlog.early().values()) {
            CrossKeyLookupSerializer.write(sightings.lookup(), out);
            out.writeLong(sightings.arrivedAt());
        }
    }

    @Override
    public FraudBacklog deserialize(DataInputView in) throws IOException {
        int heldCount = in.readInt();
        List<FraudBacklog.Held> held = new ArrayList<>(heldCount);
        for (int i = 0; i < heldCount; i++) {
            held.add(new FraudBacklog.Held(FraudInputSerializer.read(in), in.readLong()));
        }
        int earlyCount = in.readInt();
        Map<String, FraudBacklog.Early> early = new LinkedHashMap<>();
        for (int i = 0; i < earlyCount; i++) {
            CrossKeyLookup lookup = CrossKeyLookupSerializer.read(in);
            early.put(lookup.eventId(), new FraudBacklog.Early(lookup, in.readLong()));
        }
        return new FraudBacklog(held, early);
    }

    @Override
    public TypeSerializerSnapshot<FraudBacklog> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FraudBacklog> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
