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
 * so its serializer is written out (no reflection, strings through {@link CompactStrings}). {@link #write} and
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
        CompactStrings.write(event.eventId(), out);
        out.writeLong(event.eventTime());
        CompactStrings.write(event.userId(), out);
        CompactStrings.write(event.sessionId(), out);
        out.writeByte(event.type().ordinal());
        CompactStrings.write(event.itemId(), out);
        CompactStrings.write(event.categoryId(), out);
        writeNullable(event.price(), out);
        out.writeInt(event.quantity());
        CompactStrings.write(event.orderId(), out);
        CompactStrings.write(event.query(), out);
        CompactStrings.write(event.recId(), out);
        EventContext context = event.context();
        out.writeBoolean(context != null);
        if (context != null) {
            CompactStrings.write(context.deviceId(), out);
            CompactStrings.write(context.ip(), out);
            CompactStrings.write(context.userAgent(), out);
            CompactStrings.write(context.country(), out);
            CompactStrings.write(context.channel(), out);
        }
        Payment payment = event.payment();
        out.writeBoolean(payment != null);
        if (payment != null) {
            CompactStrings.write(payment.method(), out);
            CompactStrings.write(payment.cardFingerprint(), out);
            writeNullable(payment.amount(), out);
            CompactStrings.write(payment.currency(), out);
        }
        RecordOrigin origin = event.origin();
        out.writeBoolean(origin != null);
        if (origin != null) {
            CompactStrings.write(origin.topic(), out);
            out.writeInt(origin.partition());
            out.writeLong(origin.offset());
            out.writeLong(origin.readAt());
        }
    }

    static ClickEvent read(DataInputView in) throws IOException {
        String eventId = CompactStrings.read(in);
        long eventTime = in.readLong();
        String userId = CompactStrings.read(in);
        String sessionId = CompactStrings.read(in);
        EventType type = TYPES[in.readUnsignedByte()];
        String itemId = CompactStrings.read(in);
        String categoryId = CompactStrings.read(in);
        Double price = readNullable(in);
        int quantity = in.readInt();
        String orderId = CompactStrings.read(in);
        String query = CompactStrings.read(in);
        String recId = CompactStrings.read(in);
        EventContext context = in.readBoolean() ? new EventContext(CompactStrings.read(in), CompactStrings.read(in),
                CompactStrings.read(in), CompactStrings.read(in), CompactStrings.read(in)) : null;
        Payment payment = in.readBoolean() ? new Payment(CompactStrings.read(in), CompactStrings.read(in),
                readNullable(in), CompactStrings.read(in)) : null;
        RecordOrigin origin = in.readBoolean()
                ? new RecordOrigin(CompactStrings.read(in), in.readInt(), in.readLong(), in.readLong()) : null;
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
