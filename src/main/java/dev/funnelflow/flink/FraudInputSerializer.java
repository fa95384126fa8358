package dev.funnelflow.flink;

import dev.funnelflow.control.ForgetUser;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Fraud detection's keyed input: an event with its device and IP sightings, or a forget command. */
final class FraudInputSerializer extends WireSerializer<FraudInput> {

    static final FraudInputSerializer INSTANCE = new FraudInputSerializer();

    @Override
    public FraudInput createInstance() {
        return FraudInput.of(new ForgetUser("", 0L, ""));
    }

    @Override
    public void serialize(FraudInput input, DataOutputView out) throws IOException {
        ForgetUser forget = input.forget();
        out.writeBoolean(forget != null);
        if (forget != null) {
            CompactCodec.write(forget.commandId(), out);
            out.writeLong(forget.issuedAt());
            CompactCodec.write(forget.userId(), out);
        } else {
            RiskEventSerializer.write(input.event(), out);
        }
    }

    @Override
    public FraudInput deserialize(DataInputView in) throws IOException {
        return in.readBoolean()
                ? FraudInput.of(new ForgetUser(CompactCodec.read(in), in.readLong(), CompactCodec.read(in)))
                : FraudInput.of(RiskEventSerializer.read(in));
    }

    @Override
    public TypeSerializerSnapshot<FraudInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<FraudInput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
