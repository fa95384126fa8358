package dev.funnelflow.alerts.fraud;

/** Counting helpers over arrays of event times. */
final class WindowCounts {

    private WindowCounts() {}

    /** Times at or after {@code from}. */
    static int countSince(long[] times, long from) {
        int count = 0;
        for (long time : times) {
            if (time >= from) {
                count++;
            }
        }
        return count;
    }
}
