package dev.funnelflow.flink;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.flink.routing.FraudInput;
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
    /** A forget and its cut-off; {@link #FORGET}, written before cut-offs existed, still reads (cut-off: none). */
    private static final byte FORGET_WITH_CUTOFF = 4;

    @Override
    public FraudInput createInstance() {
        return FraudInput.of(new ForgetUser("", 0L, ""), Long.MIN_VALUE);
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
            out.writeByte(FORGET_WITH_CUTOFF);
            ForgetUser forget = input.forget();
            CompactCodec.write(forget.commandId(), out);
            out.writeLong(forget.issuedAt());
            CompactCodec.write(forget.userId(), out);
            out.writeLong(input.forgetCutoff());
        } else {
            out.writeByte(SIGHTINGS);
            CrossKeyLookupSerializer.write(input.sightings(), out);
        }
    }

    static FraudInput read(DataInputView in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case READY_EVENT, AWAITING_EVENT ->
                    new FraudInput(RiskEventSerializer.read(in), kind == AWAITING_EVENT, null, null, Long.MIN_VALUE);
            case FORGET -> FraudInput.of(readForget(in), Long.MIN_VALUE);
            case FORGET_WITH_CUTOFF -> FraudInput.of(readForget(in), in.readLong());
            case SIGHTINGS -> FraudInput.of(CrossKeyLookupSerializer.read(in));
            default -> throw new IOException("unknown fraud input kind " + kind);
        };
    }

    private static ForgetUser readForget(DataInputView in) throws IOException {
        return new ForgetUser(CompactCodec.read(in), in.readLong(), CompactCodec.read(in));
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
