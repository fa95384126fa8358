package dev.funnelflow.flink;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Payment;
import dev.funnelflow.event.RecordOrigin;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Validated events on their way to every user-, device- and IP-keyed operator: each event crosses five shuffles,
 * so its serializer is written out (no reflection, strings through {@link CompactCodec}). {@link #write} and
 * {@link #read} also serve the records that carry an event.
 */
final class ClickEventSerializer extends WireSerializer<ClickEvent> {

    static final ClickEventSerializer INSTANCE = new ClickEventSerializer();

    // Events live for milliseconds between operators, never in keyed state or savepoints: enum positions are safe.
    private static final EventType[] TYPES = EventType.values();

    @Override
    public ClickEvent createInstance() {
        return new ClickEvent("", 0L, "", null, TYPES[0], null, null, null, 0, null, null, null, null, null, null);
    }

    @Override
    public void serialize(ClickEvent event, DataOutputView out) throws IOException {
        write(event, out);
    }

    @Override
    public ClickEvent deserialize(DataInputView in) throws IOException {
        return read(in);
    }

    static void write(ClickEvent event, DataOutputView out) throws IOException {
        CompactCodec.write(event.eventId(), out);
        out.writeLong(event.eventTime());
        CompactCodec.write(event.userId(), out);
        CompactCodec.write(event.sessionId(), out);
        out.writeByte(event.type().ordinal());
        CompactCodec.write(event.itemId(), out);
        CompactCodec.write(event.categoryId(), out);
        writeNullable(event.price(), out);
        out.writeInt(event.quantity());
        CompactCodec.write(event.orderId(), out);
        CompactCodec.write(event.query(), out);
        CompactCodec.write(event.recId(), out);
        EventContext context = event.context();
        out.writeBoolean(context != null);
        if (context != null) {
            CompactCodec.write(context.deviceId(), out);
            CompactCodec.write(context.ip(), out);
            CompactCodec.write(context.userAgent(), out);
            CompactCodec.write(context.country(), out);
            CompactCodec.write(context.channel(), out);
        }
        Payment payment = event.payment();
        out.writeBoolean(payment != null);
        if (payment != null) {
            CompactCodec.write(payment.method(), out);
            CompactCodec.write(payment.cardFingerprint(), out);
            writeNullable(payment.amount(), out);
            CompactCodec.write(payment.currency(), out);
        }
        RecordOrigin origin = event.origin();
        out.writeBoolean(origin != null);
        if (origin != null) {
            CompactCodec.write(origin.topic(), out);
            out.writeInt(origin.partition());
            out.writeLong(origin.offset());
            out.writeLong(origin.readAt());
            out.writeLong(origin.appendedAt());
        }
    }

    static ClickEvent read(DataInputView in) throws IOException {
        String eventId = CompactCodec.read(in);
        long eventTime = in.readLong();
        String userId = CompactCodec.read(in);
        String sessionId = CompactCodec.read(in);
        EventType type = TYPES[in.readUnsignedByte()];
        String itemId = CompactCodec.read(in);
        String categoryId = CompactCodec.read(in);
        Double price = readNullable(in);
        int quantity = in.readInt();
        String orderId = CompactCodec.read(in);
        String query = CompactCodec.read(in);
        String recId = CompactCodec.read(in);
        EventContext context = in.readBoolean() ? new EventContext(CompactCodec.read(in), CompactCodec.read(in),
                CompactCodec.read(in), CompactCodec.read(in), CompactCodec.read(in)) : null;
        Payment payment = in.readBoolean() ? new Payment(CompactCodec.read(in), CompactCodec.read(in),
                readNullable(in), CompactCodec.read(in)) : null;
        RecordOrigin origin = in.readBoolean()
                ? new RecordOrigin(CompactCodec.read(in), in.readInt(), in.readLong(), in.readLong(),
                        in.readLong()) : null;
        return new ClickEvent(eventId, eventTime, userId, sessionId, type, itemId, categoryId, price, quantity,
                orderId, query, recId, context, payment, origin);
    }

    private static void writeNullable(Double value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readNullable(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    @Override
    public TypeSerializerSnapshot<ClickEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ClickEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
