package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Transactional events on their way through the device and IP keys, and back to the user's with their sightings. */
final class CrossKeyLookupSerializer extends WireSerializer<CrossKeyLookup> {

    static final CrossKeyLookupSerializer INSTANCE = new CrossKeyLookupSerializer();

    @Override
    public CrossKeyLookup createInstance() {
        return new CrossKeyLookup("", "", 0L, null, null, CrossKeySightings.NONE);
    }

    @Override
    public void serialize(CrossKeyLookup lookup, DataOutputView out) throws IOException {
        write(lookup, out);
    }

    @Override
    public CrossKeyLookup deserialize(DataInputView in) throws IOException {
        return read(in);
    }

    static void write(CrossKeyLookup lookup, DataOutputView out) throws IOException {
        CompactCodec.write(lookup.eventId(), out);
        CompactCodec.write(lookup.userId(), out);
        out.writeLong(lookup.eventTime());
        CompactCodec.write(lookup.deviceId(), out);
        CompactCodec.write(lookup.ip(), out);
        CompactCodec.writeLongs(lookup.sightings().deviceUserTimes(), out);
        CompactCodec.writeLongs(lookup.sightings().ipUserTimes(), out);
    }

    static CrossKeyLookup read(DataInputView in) throws IOException {
        return new CrossKeyLookup(CompactCodec.read(in), CompactCodec.read(in), in.readLong(), CompactCodec.read(in),
                CompactCodec.read(in), new CrossKeySightings(CompactCodec.readLongs(in), CompactCodec.readLongs(in)));
    }

    @Override
    public TypeSerializerSnapshot<CrossKeyLookup> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CrossKeyLookup> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
