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
 * <p>At most {@link #MAX_CHANGED} changed values wait for the barrier: past that, each change writes back the value
 * changed longest ago. The barrier then never waits for more than that many writes; written all at once, a
 * subtask's few thousand changed profiles or risk states held the barrier, and every record behind it, for 0.1-1 s.
 *
 * @param <K> the state key
 * @param <V> the mutable state value
 */
final class WriteBackCache<K, V> {

    /** Changed values that may wait for the flush; beyond them, changes are written back oldest first. */
    static final int MAX_CHANGED = 256;

    private final int capacity;
    private final BiConsumer<K, V> writeBack;
    private final boolean keepsValuesAfterFlush;
    private final int maxChanged;
    private final LinkedHashMap<K, Entry<V>> entries;
    /** The changed entries, least recently changed first. */
    private final LinkedHashMap<K, Entry<V>> changed = new LinkedHashMap<>();

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
        this(capacity, writeBack, stateCopiesValues, MAX_CHANGED);
    }

    WriteBackCache(int capacity, BiConsumer<K, V> writeBack, boolean stateCopiesValues, int maxChanged) {
        if (capacity < 0 || maxChanged < 1) {
            throw new IllegalArgumentException("capacity must be >= 0 and maxChanged >= 1, got " + capacity + " and "
                    + maxChanged);
        }
        this.capacity = capacity;
        this.writeBack = writeBack;
        this.keepsValuesAfterFlush = stateCopiesValues;
        this.maxChanged = maxChanged;
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
        if (entry == null || entry.value != value) {
            Entry<V> replaced = entries.put(key, entry = new Entry<>(value, false));
            if (replaced != null && replaced.dirty) {
                changed.remove(key);
            }
        }
        if (dirty) {
            markChanged(key, entry);
        }
        if (entries.size() > capacity) {
            Iterator<Map.Entry<K, Entry<V>>> eldest = entries.entrySet().iterator();
            Map.Entry<K, Entry<V>> evicted = eldest.next();
            eldest.remove();
            if (evicted.getValue().dirty) {
                write(evicted.getKey(), evicted.getValue());
            }
        }
    }

    private void markChanged(K key, Entry<V> entry) {
        if (entry.dirty) {
            changed.remove(key); // to the back: changed again just now
        }
        entry.dirty = true;
        changed.put(key, entry);
        if (changed.size() > maxChanged) {
            Map.Entry<K, Entry<V>> oldest = changed.entrySet().iterator().next();
            write(oldest.getKey(), oldest.getValue());
        }
    }

    private void write(K key, Entry<V> entry) {
        changed.remove(key);
        entry.dirty = false;
        writeBack.accept(key, entry.value);
    }

    /** Drops the cached value of {@code key} unwritten, changed or not: the owner is deleting it from state. */
    void remove(K key) {
        entries.remove(key);
        changed.remove(key);
    }

    /**
     * Writes every changed value back. Unless state copies values, also empties the cache: after a snapshot has
     * begun, state may hold these very objects, so they must not be changed again.
     */
    void flush() {
        for (Map.Entry<K, Entry<V>> entry : changed.entrySet()) {
            entry.getValue().dirty = false;
            writeBack.accept(entry.getKey(), entry.getValue().value);
        }
        changed.clear();
        if (!keepsValuesAfterFlush) {
            entries.clear();
        }
    }

    int size() {
        return entries.size();
    }
}
