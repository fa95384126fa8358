package dev.funnelflow.flink;

/**
 * A hand-written serializer of records that travel between operators: they are never changed once emitted, so a
 * copy (which object reuse asks for when one output feeds several chained operators) is the record itself.
 */
abstract class WireSerializer<T> extends HandWrittenSerializer<T> {

    @Override
    public final boolean isImmutableType() {
        return true;
    }

    @Override
    public final T copy(T from) {
        return from;
    }

    @Override
    public final T copy(T from, T reuse) {
        return from;
    }
}
