package dev.funnelflow.flink.operators;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A bounded, least-recently-used heap cache in front of keyed state: values are read once, changed in place, and
 * written back only when they leave the cache or on {@link #flush}. Hot keys then cost no (de)serialization per
 * event. The owner flushes before every checkpoint barrier, so snapshots see every change. Where state copies what
 * it is given (RocksDB serializes each write) the values stay cached after a flush, so a checkpoint does not cost
 * every active key a read afterwards; where it keeps references (the heap backend, whose snapshots serialize them
 * later) the flush empties the cache.
 *
 * @param <K> the state key
 * @param <V> the mutable state value
 */
final class WriteBackCache<K, V> {

    private final int capacity;
    private final BiConsumer<K, V> writeBack;
    private final boolean keepsValuesAfterFlush;
    private final LinkedHashMap<K, Entry<V>> entries;

    private static final class Entry<V> {
        final V value;
        boolean dirty;

        Entry(V value, boolean dirty) {
            this.value = value;
            this.dirty = dirty;
        }
    }

    /**
     * @param capacity the most values kept; 0 passes every change straight through
     * @param writeBack stores a changed value under its key (in state, with that key made current)
     * @param stateCopiesValues whether state keeps a copy of a written value rather than the object itself
     *     ({@code KeyedStateBackend#isSafeToReuseKVState}), so a flushed value may stay cached and change again
     */
    WriteBackCache(int capacity, BiConsumer<K, V> writeBack, boolean stateCopiesValues) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        this.capacity = capacity;
        this.writeBack = writeBack;
        this.keepsValuesAfterFlush = stateCopiesValues;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true);
    }

    /** The cached value of {@code key}, or null when the caller must read it from state. */
    V get(K key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? null : entry.value;
    }

    /** Keeps a value just read from state, unchanged. */
    void putClean(K key, V value) {
        put(key, value, false);
    }

    /** Records that {@code value}, now the value of {@code key}, changed and must reach state. */
    void putDirty(K key, V value) {
        put(key, value, true);
    }

    private void put(K key, V value, boolean dirty) {
        if (capacity == 0) {
            if (dirty) {
                writeBack.accept(key, value);
            }
            return;
        }
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.value == value) {
            entry.dirty |= dirty;
            return;
        }
        entries.put(key, new Entry<>(value, dirty));
        if (entries.size() > capacity) {
            Iterator<Map.Entry<K, Entry<V>>> eldest = entries.entrySet().iterator();
            Map.Entry<K, Entry<V>> evicted = eldest.next();
            eldest.remove();
            if (evicted.getValue().dirty) {
                writeBack.accept(evicted.getKey(), evicted.getValue().value);
            }
        }
    }

    /** Drops the cached value of {@code key} unwritten, changed or not: the owner is deleting it from state. */
    void remove(K key) {
        entries.remove(key);
    }

    /**
     * Writes every changed value back. Unless state copies values, also empties the cache: after a snapshot has
     * begun, state may hold these very objects, so they must not be changed again.
     */
    void flush() {
        for (Map.Entry<K, Entry<V>> entry : entries.entrySet()) {
            if (entry.getValue().dirty) {
                writeBack.accept(entry.getKey(), entry.getValue().value);
                entry.getValue().dirty = false;
            }
        }
        if (!keepsValuesAfterFlush) {
            entries.clear();
        }
    }

    int size() {
        return entries.size();
    }
}
