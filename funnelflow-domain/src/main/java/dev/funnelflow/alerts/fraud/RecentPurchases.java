package dev.funnelflow.alerts.fraud;

/**
 * Time and amount of the user's last {@code capacity} purchases: purchase velocity for any window, and how
 * many of them were small (card testing: fraudsters check stolen cards with many tiny orders before a big
 * one). Exact up to the capacity, like {@link RecentTimes}. A Flink POJO.
 */
public class RecentPurchases {

    private long[] times;
    private double[] amounts;
    private int next;
    private int size;

    /** For the state serializers. */
    public RecentPurchases() {
        this(0);
    }

    public RecentPurchases(int capacity) {
        times = new long[capacity];
        amounts = new double[capacity];
    }

    public void add(long time, double amount) {
        if (times.length == 0) {
            return;
        }
        times[next] = time;
        amounts[next] = amount;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** Purchases at or after {@code from}. */
    public int countSince(long from) {
        return countSince(from, Double.POSITIVE_INFINITY);
    }

    /** Purchases at or after {@code from} of at most {@code maxAmount}. */
    public int countSince(long from, double maxAmount) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= from && amounts[i] <= maxAmount) {
                count++;
            }
        }
        return count;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public long[] getTimes() { return times; }
    public void setTimes(long[] times) { this.times = times; }
    public double[] getAmounts() { return amounts; }
    public void setAmounts(double[] amounts) { this.amounts = amounts; }
    public int getNext() { return next; }
    public void setNext(int next) { this.next = next; }
    public int getSize() { return size; }
    public void setSize(int size) { this.size = size; }
}
