package dev.funnelflow.flink;

import java.io.Serializable;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The type of a stream or state whose records go through one of the job's hand-written serializers. */
final class HandWrittenTypeInfo<T> extends TypeInformation<T> {

    /** Builds the serializer; nested types may take the job's serializer configuration. */
    interface SerializerFactory<T> extends Serializable {
        TypeSerializer<T> create(SerializerConfig config);
    }

    private final Class<T> type;
    private final SerializerFactory<T> serializers;

    HandWrittenTypeInfo(Class<T> type, SerializerFactory<T> serializers) {
        this.type = type;
        this.serializers = serializers;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializers.create(config);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (hand-written serializer)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HandWrittenTypeInfo<?> that && that.canEqual(this) && type == that.type;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof HandWrittenTypeInfo;
    }
}
