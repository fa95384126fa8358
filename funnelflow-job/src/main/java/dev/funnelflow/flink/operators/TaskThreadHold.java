package dev.funnelflow.flink.operators;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The longest time one record, timer or mail held an operator's task thread, as the gauge {@value #METRIC} in
 * milliseconds: the maximum over the last one to two {@code period}s (a window that rolls over every period and keeps
 * the one before), so any number of readers see the same figure and a spike stays visible for at least a period.
 * While the task thread holds, the task does nothing else: no other record, timer or checkpoint barrier moves.
 *
 * <p>Two {@link System#nanoTime} calls and a comparison per hold, on the task thread only; the gauge is read on the
 * reporter's thread from two volatile fields. Adopt it in an operator by registering it in {@code open} and wrapping
 * each entry point:
 *
 * <pre>{@code
 * hold = TaskThreadHold.register(getRuntimeContext().getMetricGroup());   // or the operator's getMetricGroup()
 * ...
 * long started = hold.start();
 * try { ... } finally { hold.end(started); }
 * }</pre>
 */
public final class TaskThreadHold {

    public static final String METRIC = "taskThreadHoldMaxMs";
    static final Duration PERIOD = Duration.ofMinutes(1);

    private final LongSupplier nanoTime;
    private final long periodNanos;
    /** Start of the current period; written by the task thread only. */
    private volatile long periodStart;
    private volatile long currentMax;
    private volatile long previousMax;

    TaskThreadHold(LongSupplier nanoTime, Duration period) {
        this.nanoTime = nanoTime;
        this.periodNanos = period.toNanos();
        this.periodStart = nanoTime.getAsLong();
    }

    /** A hold measured with the system clock over one-minute periods, reported as {@value #METRIC} in {@code group}. */
    public static TaskThreadHold register(MetricGroup group) {
        TaskThreadHold hold = new TaskThreadHold(System::nanoTime, PERIOD);
        group.gauge(METRIC, (Gauge<Double>) hold::maxMillis);
        return hold;
    }

    /** The start of a hold, to pass to {@link #end}. */
    public long start() {
        return nanoTime.getAsLong();
    }

    /** Ends the hold that began at {@code started}. */
    public void end(long started) {
        long now = nanoTime.getAsLong();
        long elapsed = now - periodStart;
        if (elapsed >= periodNanos) {
            // A period without any hold in it leaves nothing to carry over.
            previousMax = elapsed < 2 * periodNanos ? currentMax : 0;
            currentMax = 0;
            periodStart = now;
        }
        long held = now - started;
        if (held > currentMax) {
            currentMax = held;
        }
    }

    /** The longest hold in the last one to two periods, ms; 0 when the task thread was not held in that time. */
    public double maxMillis() {
        long elapsed = nanoTime.getAsLong() - periodStart;
        long max = elapsed >= 2 * periodNanos ? 0 : elapsed >= periodNanos ? currentMax : Math.max(currentMax, previousMax);
        return max / 1e6;
    }
}
