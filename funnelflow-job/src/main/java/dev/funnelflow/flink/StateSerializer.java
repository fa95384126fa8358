package dev.funnelflow.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

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
}
