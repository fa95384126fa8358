package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.event.ClickEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An event with its device and IP sightings, as fraud detection receives it and holds it in its backlog. */
final class RiskEventSerializer extends WireSerializer<RiskEvent> {

    static final RiskEventSerializer INSTANCE = new RiskEventSerializer();

    @Override
    public RiskEvent createInstance() {
        return RiskEvent.of(ClickEventSerializer.INSTANCE.createInstance());
    }

    @Override
    public void serialize(RiskEvent event, DataOutputView out) throws IOException {
        write(event, out);
    }

    @Override
    public RiskEvent deserialize(DataInputView in) throws IOException {
        return read(in);
    }

    static void write(RiskEvent event, DataOutputView out) throws IOException {
        ClickEventSerializer.write(event.event(), out);
        CompactCodec.writeLongs(event.sightings().deviceUserTimes(), out);
        CompactCodec.writeLongs(event.sightings().ipUserTimes(), out);
    }

    static RiskEvent read(DataInputView in) throws IOException {
        ClickEvent event = ClickEventSerializer.read(in);
        return new RiskEvent(event, new CrossKeySightings(CompactCodec.readLongs(in), CompactCodec.readLongs(in)));
    }

    @Override
    public TypeSerializerSnapshot<RiskEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RiskEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
