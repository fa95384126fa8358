package dev.funnelflow.alerts.fraud;

/**
 * The gaps between a user's last events within a session: their mean (too fast for a human) and coefficient
 * of variation (too regular: scripts fire on a timer, people do not; human gaps have a CV near or above 1).
 * Gaps longer than the session gap are left out, or every new session would look like erratic behaviour.
 * A Flink POJO.
 */
public class Cadence {

    private double[] gapsSeconds;
    private int next;
    private int size;
    private long lastTime = Long.MIN_VALUE;

    /** For the state serializers. */
    public Cadence() {
        this(0);
    }

    /** @param capacity how many recent gaps are kept */
    public Cadence(int capacity) {
        gapsSeconds = new double[capacity];
    }

    /** Records the gap since the previous event; an event older than the previous one is not a gap. */
    public void add(long time, long sessionGapMillis) {
        if (lastTime != Long.MIN_VALUE && time >= lastTime && time - lastTime <= sessionGapMillis
                && gapsSeconds.length > 0) {
            gapsSeconds[next] = (time - lastTime) / 1000.0;
            next = (next + 1) % gapsSeconds.length;
            size = Math.min(size + 1, gapsSeconds.length);
        }
        lastTime = Math.max(lastTime, time);
    }

    /** Mean gap in seconds over the kept gaps, or NaN with fewer than {@code minGaps}. */
    public double meanSeconds(int minGaps) {
        if (size < minGaps || size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += gapsSeconds[i];
        }
        return sum / size;
    }

    /** Standard deviation over mean of the kept gaps, or NaN with fewer than {@code minGaps} or all gaps 0. */
    public double coefficientOfVariation(int minGaps) {
        double mean = meanSeconds(minGaps);
        if (!(mean > 0)) {
            return Double.NaN;
        }
        double squares = 0;
        for (int i = 0; i < size; i++) {
            double d = gapsSeconds[i] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / size) / mean;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public double[] getGapsSeconds() { return gapsSeconds; }
    public void setGapsSeconds(double[] gapsSeconds) { this.gapsSeconds = gapsSeconds; }
    public int getNext() { return next; }
    public void setNext(int next) { this.next = next; }
    public int getSize() { return size; }
    public void setSize(int size) { this.size = size; }
    public long getLastTime() { return lastTime; }
    public void setLastTime(long lastTime) { this.lastTime = lastTime; }
}
