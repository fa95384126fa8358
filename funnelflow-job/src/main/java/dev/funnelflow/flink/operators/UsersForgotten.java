package dev.funnelflow.flink.operators;

import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator's {@code usersForgotten} counter (and its {@code PerSecond} rate) with one log line per forget, and its
 * {@code forgottenInputsDropped} counter: inputs that were already in flight for a user when the forget was applied
 * here, dropped so that they do not recreate the user's state. The line names the control command, never the user:
 * logs outlive the state the command deletes.
 *
 * <p>Each such operator keeps, per forgotten user, the forget's <em>cut-off</em>: the latest event time user-activity
 * had accepted for the user when it applied the forget. Everything in flight then stems from events no later than
 * that; user-activity drops the user's events up to the cut-off too, so what arrives after the forget with a later
 * event time is new activity. The cut-off is kept for the in-flight horizon ({@code funnelflow.privacy.forget-horizon})
 * and then expires, like any TTL'd state.
 */
final class UsersForgotten {

    private static final Logger LOG = LoggerFactory.getLogger(UsersForgotten.class);

    /** Reads a forget's cut-off of the current key (or of one user on it) from state; null if none. */
    @FunctionalInterface
    interface CutoffRead {
        Long read() throws Exception;
    }

    private static final long NOT_YET = Long.MIN_VALUE;

    private final Counter counter;
    private final Counter inputsDropped;
    private final String operator;
    private final long horizonMillis;
    /** Processing time until which this subtask's state may hold cut-offs; {@link #NOT_YET} before the first input. */
    private long guardedUntil = NOT_YET;

    private UsersForgotten(Counter counter, Counter inputsDropped, String operator, long horizonMillis) {
        this.counter = counter;
        this.inputsDropped = inputsDropped;
        this.operator = operator;
        this.horizonMillis = horizonMillis;
    }

    /** For an operator whose inputs keep the order of user-activity's: it keeps no cut-offs. */
    static UsersForgotten register(RuntimeContext context) {
        return register(context, Duration.ZERO);
    }

    /** For an operator that keeps its forgets' cut-offs for {@code horizon}. */
    static UsersForgotten register(RuntimeContext context, Duration horizon) {
        MetricGroup metrics = context.getMetricGroup();
        Counter counter = metrics.counter("usersForgotten");
        metrics.meter("usersForgottenPerSecond", new MeterView(counter));
        return new UsersForgotten(counter, metrics.counter("forgottenInputsDropped"),
                context.getTaskInfo().getTaskNameWithSubtasks(), horizon.toMillis());
    }

    /** Makes the descriptor's state (a forget's cut-off) expire once the in-flight horizon has passed. */
    static <S extends StateDescriptor<?, ?>> S expiringAfter(S cutoffs, Duration horizon) {
        cutoffs.enableTimeToLive(StateTtl.afterLastWrite(horizon));
        return cutoffs;
    }

    /**
     * Whether an input of event time {@code eventTime} was in flight when its user was forgotten; counts it if so. The
     * cut-off is read only while this subtask may hold one: within the horizon of its last forget, or of its first
     * input (state restored from a checkpoint may hold cut-offs written before). Most subtasks most of the time had no
     * forget for minutes, and their inputs cost no state read.
     *
     * @param now the current processing time
     */
    boolean dropsInFlight(long now, CutoffRead cutoff, long eventTime) throws Exception {
        if (guardedUntil == NOT_YET) {
            guardedUntil = now + horizonMillis;
        }
        return now < guardedUntil && dropsInFlight(cutoff.read(), eventTime);
    }

    /**
     * Whether an input of event time {@code eventTime} was in flight when the user was forgotten with {@code cutoff}
     * (null: not forgotten within the horizon); counts it if so.
     */
    boolean dropsInFlight(Long cutoff, long eventTime) {
        if (cutoff == null || eventTime > cutoff) {
            return false;
        }
        inputsDropped.inc();
        return true;
    }

    /** Counts a forget applied at processing time {@code now} whose cut-off is kept for the horizon. */
    void countGuarded(String commandId, long now) {
        guardedUntil = Math.max(guardedUntil, now + horizonMillis);
        count(commandId);
    }

    void count(String commandId) {
        counter.inc();
        LOG.info("{}: state of a user deleted by control command {}", operator, commandId);
    }
}
