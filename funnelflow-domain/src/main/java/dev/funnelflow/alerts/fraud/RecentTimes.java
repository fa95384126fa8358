package dev.funnelflow.alerts.fraud;

/**
 * The times of the last {@code capacity} events of one kind, so that "how many in the last W" can be answered
 * for any window W a rule asks for, not only for windows fixed when the state was built. Counts are exact up
 * to the capacity; a count equal to the capacity means "at least that many", which is far beyond any sane
 * threshold when the capacity is chosen well (e.g. 128 events a minute). A Flink POJO.
 */
public class RecentTimes {

    private long[] times;
    private int next;
    private int size;

    /** For the state serializers. */
    public RecentTimes() {
        this(0);
    }

    public RecentTimes(int capacity) {
        times = new long[capacity];
    }

    public void add(long time) {
        if (times.length == 0) {
            return;
        }
        times[next] = time;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** Events at or after {@code from} among those remembered. Arrival order need not be time order. */
    public int countSince(long from) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= from) {
                count++;
            }
        }
        return count;
    }

    public int capacity() {
        return times.length;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public long[] getTimes() { return times; }
    public void setTimes(long[] times) { this.times = times; }
    public int getNext() { return next; }
    public void setNext(int next) { this.next = next; }
    public int getSize() { return size; }
    public void setSize(int size) { this.size = size; }
}
