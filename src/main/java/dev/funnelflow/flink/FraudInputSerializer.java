package dev.funnelflow.flink;

import dev.funnelflow.control.ForgetUser;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Fraud detection's keyed input: an event (ready, or awaiting its sightings), a forget command, or an event's
 * sightings. Also the entries of the sightings backlog ({@link FraudBacklogSerializer}).
 */
final class FraudInputSerializer extends WireSerializer<FraudInput> {

    static final FraudInputSerializer INSTANCE = new FraudInputSerializer();

    private static final byte READY_EVENT = 0;
    private static final byte AWAITING_EVENT = 1;
    private static final byte FORGET = 2;
    private static final byte SIGHTINGS = 3;

    @Override
    public FraudInput createInstance() {
        return FraudInput.of(new ForgetUser("", 0L, ""));
    }

    @Override
    public void serialize(FraudInput input, DataOutputView out) throws IOException {
        write(input, out);
    }

    @Override
    public FraudInput deserialize(DataInputView in) throws IOException {
        return read(in);
    }

    static void write(FraudInput input, DataOutputView out) throws IOException {
        if (input.event() != null) {
            out.writeByte(input.awaitsSightings() ? AWAITING_EVENT : READY_EVENT);
            RiskEventSerializer.write(input.event(), out);
        } else if (input.forget() != null) {
            out.writeByte(FORGET);
            ForgetUser forget = input.forget();
            CompactCodec.write(forget.commandId(), out);
            out.writeLong(forget.issuedAt());
            CompactCodec.write(forget.userId(), out);
        } else {
            out.writeByte(SIGHTINGS);
            CrossKeyLookupSerializer.write(input.sightings(), out);
        }
    }

    static FraudInput read(DataInputView in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case READY_EVENT, AWAITING_EVENT ->
                    new FraudInput(RiskEventSerializer.read(in), kind == AWAITING_EVENT, null, null);
            case FORGET -> FraudInput.of(new ForgetUser(CompactCodec.read(in), in.readLong(), CompactCodec.read(in)));
            case SIGHTINGS -> FraudInput.of(CrossKeyLookupSerializer.read(in));
            default -> throw new IOException("unknown fraud input kind " + kind);
        };
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
