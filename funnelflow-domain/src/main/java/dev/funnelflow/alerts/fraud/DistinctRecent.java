package dev.funnelflow.alerts.fraud;

import java.util.Arrays;

/**
 * Distinct values (cards of a user, users of a device or IP) with the time each was last seen, so that "how
 * many distinct in the last W" works for any window. Bounded: when full, the value seen longest ago makes room,
 * so counts are exact up to the capacity. A Flink POJO.
 */
public class DistinctRecent {

    private static final String[] NONE = new String[0];

    private String[] values = NONE;
    private long[] lastSeen = new long[0];
    private int capacity;

    /** For the state serializers. */
    public DistinctRecent() {}

    public DistinctRecent(int capacity) {
        this.capacity = capacity;
    }

    public void add(String value, long time) {
        if (value == null || capacity == 0) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i].equals(value)) {
                lastSeen[i] = Math.max(lastSeen[i], time);
                return;
            }
        }
        int slot;
        if (values.length < capacity) {
            values = Arrays.copyOf(values, values.length + 1);
            lastSeen = Arrays.copyOf(lastSeen, lastSeen.length + 1);
            slot = values.length - 1;
        } else {
            slot = oldest();
        }
        values[slot] = value;
        lastSeen[slot] = time;
    }

    /** Forgets {@code value}; says whether it was remembered. */
    public boolean remove(String value) {
        int index = Arrays.asList(values).indexOf(value);
        if (index < 0) {
            return false;
        }
        int last = values.length - 1;
        values[index] = values[last];
        lastSeen[index] = lastSeen[last];
        values = Arrays.copyOf(values, last);
        lastSeen = Arrays.copyOf(lastSeen, last);
        return true;
    }

    /** Whether {@code value} is remembered (seen, and not pushed out by newer values). */
    public boolean contains(String value) {
        return Arrays.asList(values).contains(value);
    }

    /** Distinct values last seen at or after {@code from}. */
    public int countSince(long from) {
        return WindowCounts.countSince(lastSeen, from);
    }

    /** When each remembered value was last seen (a copy): what a cross-key operator hands to the user's key. */
    public long[] lastSeenTimes() {
        return lastSeen.clone();
    }

    public int size() {
        return values.length;
    }

    private int oldest() {
        int oldest = 0;
        for (int i = 1; i < lastSeen.length; i++) {
            if (lastSeen[i] < lastSeen[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public String[] getValues() { return values; }
    public void setValues(String[] values) { this.values = values; }
    public long[] getLastSeen() { return lastSeen; }
    public void setLastSeen(long[] lastSeen) { this.lastSeen = lastSeen; }
    public int getCapacity() { return capacity; }
    public void setCapacity(int capacity) { this.capacity = capacity; }
}
