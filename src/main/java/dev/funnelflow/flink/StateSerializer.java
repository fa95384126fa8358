package dev.funnelflow.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A hand-written serializer of mutable keyed state that was first written by Flink's POJO serializer: read and
 * rewritten on every event, where the POJO serializer's reflection showed in profiles. Its snapshot accepts state
 * written by the POJO serializer (savepoints of earlier versions) and has Flink migrate it on restore.
 */
abstract class StateSerializer<T> extends HandWrittenSerializer<T> {

    @Override
    public final boolean isImmutableType() {
        return false;
    }

    /** A deep copy, through the bytes: only the heap backend copies state (during its asynchronous snapshots). */
    @Override
    public final T copy(T from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    /** Restores the singleton; state of the same type written by the POJO serializer migrates to it. */
    abstract static class MigratingFromPojo<T> extends SimpleTypeSerializerSnapshot<T> {

        MigratingFromPojo(Supplier<? extends StateSerializer<T>> serializer) {
            super(serializer);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            return old instanceof PojoSerializerSnapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : super.resolveSchemaCompatibility(old);
        }
    }

    static void writeLongs(long[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long value : values) {
                out.writeLong(value);
            }
        }
    }

    static long[] readLongs(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    static void writeInts(int[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (int value : values) {
                out.writeInt(value);
            }
        }
    }

    static int[] readInts(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    static void writeFloats(float[] values, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            CompactCodec.writeFloats(values, out);
        }
    }

    static float[] readFloats(DataInputView in) throws IOException {
        return in.readBoolean() ? CompactCodec.readFloats(in) : null;
    }

    static void writeDoubles(double[] values, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            CompactCodec.writeDoubles(values, out);
        }
    }

    static double[] readDoubles(DataInputView in) throws IOException {
        return in.readBoolean() ? CompactCodec.readDoubles(in) : null;
    }

    static void writeStrings(String[] values, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            CompactCodec.writeArray(values, out);
        }
    }

    static String[] readStrings(DataInputView in) throws IOException {
        return in.readBoolean() ? CompactCodec.readArray(in) : null;
    }
}
