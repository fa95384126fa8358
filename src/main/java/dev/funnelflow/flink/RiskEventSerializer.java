package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Events on their way through the device and IP keys to fraud detection, with what those keys saw. */
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
        writeTimes(event.sightings().deviceUserTimes(), out);
        writeTimes(event.sightings().ipUserTimes(), out);
    }

    static RiskEvent read(DataInputView in) throws IOException {
        return new RiskEvent(ClickEventSerializer.read(in), new CrossKeySightings(readTimes(in), readTimes(in)));
    }

    /** -1 for null (nothing known), else the count and the times. */
    private static void writeTimes(long[] times, DataOutputView out) throws IOException {
        out.writeInt(times == null ? -1 : times.length);
        if (times != null) {
            for (long time : times) {
                out.writeLong(time);
            }
        }
    }

    private static long[] readTimes(DataInputView in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            return null;
        }
        long[] times = new long[count];
        for (int i = 0; i < count; i++) {
            times[i] = in.readLong();
        }
        return times;
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
