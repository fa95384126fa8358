package dev.funnelflow.flink.operators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

/**
 * Writes a value a {@link WriteBackCache} lets go of into keyed state under its own key, then gives the element
 * being processed its key back: an eviction happens in the middle of another key's element.
 */
final class KeyedWriteBack<K, V> implements BiConsumer<K, V> {

    private final AbstractStreamOperator<?> operator;
    private final ValueState<V> state;
    private final Counter writes;
    private final String what;

    /** @param what what the values are, for the error when a write fails */
    KeyedWriteBack(AbstractStreamOperator<?> operator, ValueState<V> state, Counter writes, String what) {
        this.operator = operator;
        this.state = state;
        this.writes = writes;
        this.what = what;
    }

    @Override
    public void accept(K key, V value) {
        Object current = operator.getCurrentKey();
        operator.setCurrentKey(key);
        try {
            state.update(value);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + what + " to state", e);
        }
        writes.inc();
        if (current != null) {
            operator.setCurrentKey(current);
        }
    }
}
