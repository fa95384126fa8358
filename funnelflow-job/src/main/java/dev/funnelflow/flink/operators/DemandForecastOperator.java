package dev.funnelflow.flink.operators;

import dev.funnelflow.demand.ArimaModel;
import dev.funnelflow.demand.DemandForecast;
import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.SeriesForecaster;
import dev.funnelflow.demand.SeriesForecaster.Reselection;
import dev.funnelflow.demand.SeriesForecaster.Step;
import dev.funnelflow.demand.SeriesState;
import dev.funnelflow.flink.PendingReselection;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by demand series ({@code category:<id>}, {@code item:<id>}, and their {@code :views}): sums observations
 * into event-time buckets of {@code funnelflow.demand.window}, closes each bucket when the watermark passes its end,
 * and emits a {@link DemandForecast} per closed bucket from the series' {@link SeriesForecaster} (one Kalman update
 * per bucket, a model re-selection now and then).
 *
 * <ul>
 *   <li>Re-selections that search ARIMA orders (up to seconds each) run on {@code reselection-threads} threads beside
 *       the task thread, never on it: a task thread held that long holds checkpoint barriers and back-pressures the
 *       job. The result comes back through the task's mailbox and is applied under its series' key. Until then the
 *       bucket's forecast waits, and buckets of that series closing meanwhile are held in keyed state and forecast in
 *       order after it, so every series emits what it would have emitted with the re-selection inline. At most
 *       {@code reselection-capacity} are queued or running; a bucket needing one more waits for one to finish
 *       (back-pressure, counted in {@code demandReselectionWaits}). {@value TaskThreadHold#METRIC} reports the
 *       longest time one record, timer or landing re-selection held the task thread.
 *   <li>A re-selection in flight is marked in keyed state ({@link PendingReselection}) rather than snapshotted as
 *       operator state: the mark moves with its key group when the job is rescaled, and a restore runs the
 *       re-selection again from the history kept beside it (it is deterministic), so the output is the same.
 *   <li>Empty buckets close as zeros: a timer for the next bucket is always set, because an hour without sales is
 *       demand information too.
 *   <li>Late observations for a closed bucket still within {@code allowed-lateness} (and the kept history) revise it
 *       and emit a revised forecast for the newest bucket; later ones are counted in {@code demandLateDropped}.
 *   <li>State per series is bounded: {@code history} buckets, the model and its Kalman state, the open buckets, the
 *       buckets held behind a re-selection. A series whose whole kept history is zero is dropped with its state; its
 *       next sale starts it afresh. An end-of-series observation (an item left the top items) drops it at once;
 *       timers still set, and a re-selection landing later, find nothing.
 *   <li>Forecasts are floored at zero: demand cannot be negative.
 * </ul>
 *
 * <p>State names and the timer service are those of the earlier {@code KeyedProcessFunction} version (run by a
 * {@code KeyedProcessOperator}), so its savepoints restore into this operator.
 */
public final class DemandForecastOperator extends AbstractStreamOperator<DemandForecast>
        implements OneInputStreamOperator<DemandObservation, DemandForecast>, Triggerable<String, VoidNamespace>,
        BoundedOneInput {

    /** {@code KeyedProcessOperator}'s name for its timer service. */
    private static final String TIMERS = "user-timers";
    private static final String PENDING = "demand-reselection";
    private static final Logger LOG = LoggerFactory.getLogger(DemandForecastOperator.class);

    private final DemandSettings settings;
    private transient SeriesForecaster forecaster;
    private transient ValueState<SeriesState> seriesState;
    private transient ValueState<Long> closedUntil;
    private transient MapState<Long, Double> openBuckets;
    private transient ValueState<PendingReselection> pending;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter lateDropped;
    private transient Counter reselectionWaits;
    private transient Counter reselectionFailures;
    private transient TaskThreadHold hold;
    private transient MailboxExecutor mailbox;
    private transient ExecutorService reselections;
    /** Re-selections submitted and not yet landed; changed on the task thread only, read by the metric reporter. */
    private transient volatile int inFlight;

    public DemandForecastOperator(DemandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        forecaster = settings.forecaster();
        seriesState = getRuntimeContext().getState(new ValueStateDescriptor<>("demand-series", SeriesState.class));
        closedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("demand-closed-until", Long.class));
        openBuckets = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("demand-open-buckets", Long.class, Double.class));
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>(PENDING, PendingReselection.class));
        timers = getInternalTimerService(TIMERS, VoidNamespaceSerializer.INSTANCE, this);
        lateDropped = getMetricGroup().counter("demandLateDropped");
        reselectionWaits = getMetricGroup().counter("demandReselectionWaits");
        reselectionFailures = getMetricGroup().counter("demandReselectionFailures");
        getMetricGroup().gauge("demandReselectionsInFlight", (Gauge<Integer>) () -> inFlight);
        hold = TaskThreadHold.register(getMetricGroup());
        mailbox = getContainingTask().getMailboxExecutorFactory().createExecutor(getOperatorConfig().getChainIndex());
        reselections = Executors.newFixedThreadPool(settings.reselectionThreads(), reselectionThreads());
        resubmitRestored();
    }

    private ThreadFactory reselectionThreads() {
        String name = "demand-reselection-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "-";
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Re-selections that were in flight at the snapshot this operator restored from run again. */
    private void resubmitRestored() throws Exception {
        List<Object> keys;
        try (Stream<Object> marked = getKeyedStateBackend().getKeys(PENDING, VoidNamespace.INSTANCE)) {
            keys = marked.collect(Collectors.toList());
        }
        for (Object key : keys) {
            setCurrentKey(key);
            submit((String) key, pending.value().windowEnd(), reselectionOf(seriesState.value()));
        }
    }

    @Override
    public void processElement(StreamRecord<DemandObservation> element) throws Exception {
        long started = hold.start();
        try {
            observe(element.getValue());
        } finally {
            hold.end(started);
        }
    }

    private void observe(DemandObservation observation) throws Exception {
        if (observation.endsSeries()) {
            seriesState.clear();
            closedUntil.clear();
            openBuckets.clear();
            pending.clear();
            return;
        }
        long size = settings.windowMillis();
        long end = Math.floorDiv(observation.eventTime(), size) * size + size;
        Long closed = closedUntil.value();
        if (closed != null && end <= closed) {
            revise(observation, end, closed);
            return;
        }
        Double sum = openBuckets.get(end);
        openBuckets.put(end, (sum == null ? 0 : sum) + observation.quantity());
        timers.registerEventTimeTimer(VoidNamespace.INSTANCE, end - 1);
    }

    private void revise(DemandObservation observation, long end, long closed) throws Exception {
        SeriesState state = seriesState.value();
        PendingReselection waiting = pending.value();
        int held = waiting == null ? 0 : waiting.held().length;
        long age = (closed - end) / settings.windowMillis();
        boolean pastLateness = end - 1 + settings.allowedLateness().toMillis() < timers.currentWatermark();
        if (pastLateness || state == null || age >= held + state.history().length) {
            lateDropped.inc();
            return;
        }
        if (waiting != null) {
            // The newest forecast waits for the re-selection anyway: revise the bucket it will be made from.
            if (age < held) {
                double[] buckets = waiting.held().clone();
                buckets[held - 1 - (int) age] += observation.quantity();
                pending.update(new PendingReselection(waiting.windowEnd(), buckets));
            } else {
                double[] history = state.history().clone();
                history[history.length - 1 - (int) (age - held)] += observation.quantity();
                seriesState.update(new SeriesState(history, state.model(), state.tracker(), state.sinceFit()));
            }
            return;
        }
        double[] history = state.history();
        double revised = history[history.length - 1 - (int) age] + observation.quantity();
        take(closed, forecaster.revise(state, (int) age, revised));
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        long started = hold.start();
        try {
            closeBuckets(timer.getTimestamp());
        } finally {
            hold.end(started);
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
        throw new IllegalStateException("demand forecasts set no processing-time timers");
    }

    private void closeBuckets(long timestamp) throws Exception {
        long size = settings.windowMillis();
        Long closed = closedUntil.value();
        Long next = closed != null ? Long.valueOf(closed + size) : firstOpenBucket();
        if (next == null) {
            return;
        }
        SeriesState state = seriesState.value();
        if (state == null) {
            state = SeriesState.empty();
        }
        PendingReselection waiting = pending.value();
        boolean submitting = false;
        long end = next;
        while (end - 1 <= timestamp) {
            Double sum = openBuckets.get(end);
            if (sum != null) {
                openBuckets.remove(end);
            }
            double value = sum == null ? 0 : sum;
            if (waiting != null) {
                waiting = waiting.holding(value);
            } else {
                SeriesForecaster.Next step = forecaster.next(state, value, reselectionDue(end));
                if (step instanceof Reselection reselection) {
                    state = new SeriesState(reselection.history(), state.model(), state.tracker(), state.sinceFit());
                    waiting = PendingReselection.of(end);
                    submitting = true;
                } else {
                    state = ((Step) step).state();
                    emit(end, (Step) step);
                }
            }
            closed = end;
            end += size;
        }
        if (waiting == null && silent(state) && openBuckets.isEmpty()) {
            seriesState.clear();
            closedUntil.clear();
            return;
        }
        seriesState.update(state);
        closedUntil.update(closed);
        if (waiting != null) {
            pending.update(waiting);
        }
        // At the end of a bounded input the watermark jumps to the end of time: stop once the buckets holding data
        // are closed, instead of walking zero buckets into a future the input never reached.
        boolean inputEnded = timers.currentWatermark() == Long.MAX_VALUE;
        if (!inputEnded || !openBuckets.isEmpty()) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, end - 1);
        }
        if (submitting) { // last: waiting for capacity may run other series' landings, which switch keys
            submit((String) getCurrentKey(), waiting.windowEnd(), reselectionOf(state));
        }
    }

    private boolean reselectionDue(long windowEnd) {
        return forecaster.reselectionDue((String) getCurrentKey(), windowEnd / settings.windowMillis());
    }

    /** Emits a step's forecast, or starts the re-selection it needs. */
    private void take(long windowEnd, SeriesForecaster.Next next) throws Exception {
        if (next instanceof Step step) {
            seriesState.update(step.state());
            emit(windowEnd, step);
        } else {
            request(windowEnd, (Reselection) next, new double[0]);
        }
    }

    /** Keeps the history to fit in state, marks the re-selection pending with the buckets {@code held} behind it. */
    private void request(long windowEnd, Reselection reselection, double[] held) throws Exception {
        SeriesState state = seriesState.value();
        seriesState.update(new SeriesState(reselection.history(), state.model(), state.tracker(), state.sinceFit()));
        pending.update(new PendingReselection(windowEnd, held));
        submit((String) getCurrentKey(), windowEnd, reselection);
    }

    /**
     * The re-selection a series waiting for one runs: on the history kept for it, from the model it had before, both
     * in its state, so a restore runs the same search again.
     */
    private static Reselection reselectionOf(SeriesState waiting) {
        return new Reselection(waiting.history(), waiting.model());
    }

    /** Runs a re-selection beside the task thread, once there is room; its result lands through the mailbox. */
    private void submit(String series, long windowEnd, Reselection reselection) throws InterruptedException {
        if (inFlight >= settings.reselectionCapacity()) {
            reselectionWaits.inc();
            while (inFlight >= settings.reselectionCapacity()) {
                mailbox.yield();
            }
        }
        inFlight++;
        // After close the mailbox rejects the landing: nothing is left to apply it to, and a restore runs it again.
        CompletableFuture.supplyAsync(() -> forecaster.reselect(reselection), reselections)
                .whenComplete((step, failure) -> mailbox.execute(
                        () -> land(series, windowEnd, reselection.history(), step, failure),
                        "demand re-selection of %s", series));
    }

    private void land(String series, long windowEnd, double[] fittedOn, Step step, Throwable failure)
            throws Exception {
        inFlight--;
        long started = hold.start();
        // A landing can run while the task thread waits inside another key's timer: put that key back afterwards.
        Object interrupted = getCurrentKey();
        setCurrentKey(series);
        try {
            if (failure != null) {
                // Thrown on, the failure would fail the job, and the restore would run the same search again.
                reselectionFailures.inc();
                LOG.warn("ARIMA re-selection of {} failed; it keeps its previous model", series, failure);
            }
            apply(windowEnd, fittedOn, failure == null ? step : keepModel(fittedOn));
        } finally {
            if (interrupted != null) {
                setCurrentKey(interrupted);
            }
            hold.end(started);
        }
    }

    private void apply(long windowEnd, double[] fittedOn, Step step) throws Exception {
        PendingReselection waiting = pending.value();
        if (waiting == null || waiting.windowEnd() != windowEnd) {
            return; // the series ended or was dropped meanwhile
        }
        pending.clear();
        double[] history = seriesState.value().history();
        // Late data may have revised the history while the search ran: the chosen model is filtered over it as it is.
        Step landed = Arrays.equals(history, fittedOn) ? step
                : step.model() == null ? new Step(new SeriesState(history, null, null, 0), null, false)
                : forecaster.adopt(step.model(), history);
        seriesState.update(landed.state());
        emit(windowEnd, landed);
        long size = settings.windowMillis();
        long end = windowEnd;
        double[] held = waiting.held();
        for (int i = 0; i < held.length; i++) {
            end += size;
            SeriesForecaster.Next next = forecaster.next(seriesState.value(), held[i], reselectionDue(end));
            if (next instanceof Reselection reselection) {
                request(end, reselection, Arrays.copyOfRange(held, i + 1, held.length));
                return;
            }
            take(end, next);
        }
    }

    /** After a failed re-selection: the series' previous model over the new history, or no forecast without one. */
    private Step keepModel(double[] history) throws Exception {
        ArimaModel previous = seriesState.value().model();
        if (previous != null) {
            try {
                return forecaster.adopt(previous, history);
            } catch (RuntimeException e) {
                LOG.warn("the previous model no longer fits the series either", e);
            }
        }
        return new Step(new SeriesState(history, null, null, 0), null, false);
    }

    /** Lets the re-selections still running land, so a bounded input's last forecasts are emitted. */
    @Override
    public void endInput() throws Exception {
        while (inFlight > 0) {
            mailbox.yield();
        }
    }

    int reselectionsInFlight() {
        return inFlight;
    }

    double taskThreadHoldMaxMs() {
        return hold.maxMillis();
    }

    @Override
    public void close() throws Exception {
        if (reselections != null) {
            reselections.shutdownNow();
        }
        super.close();
    }

    private Long firstOpenBucket() throws Exception {
        Long first = null;
        for (Long end : openBuckets.keys()) {
            first = first == null ? end : Math.min(first, end);
        }
        return first;
    }

    /** A full history of zeros: nothing left to forecast but zeros. */
    private boolean silent(SeriesState state) {
        double[] history = state.history();
        return history.length >= settings.history() && Arrays.stream(history).allMatch(v -> v == 0);
    }

    /** Stamped with the bucket's last millisecond, as the timer that closed it. */
    private void emit(long windowEnd, Step step) {
        if (step.forecast() == null) {
            return; // fewer than two buckets yet
        }
        output.collect(new StreamRecord<>(new DemandForecast((String) getCurrentKey(), settings.windowMillis(), windowEnd,
                step.model(), step.forecast().atLeast(0), getProcessingTimeService().getCurrentProcessingTime()),
                windowEnd - 1));
    }
}
