package dev.funnelflow.flink;

import dev.funnelflow.demand.DemandForecast;
import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.SeriesForecaster;
import dev.funnelflow.demand.SeriesState;
import dev.funnelflow.job.DemandSettings;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by demand series ({@code category:<id>}, {@code item:<id>}, and their {@code :views}): sums observations
 * into event-time buckets of {@code funnelflow.demand.window}, closes each bucket when the watermark passes its end,
 * and emits a {@link DemandForecast} per closed bucket from the series' {@link SeriesForecaster} (one Kalman update
 * per bucket, a model re-selection now and then).
 *
 * <ul>
 *   <li>Empty buckets close as zeros: a timer for the next bucket is always set, because an hour without sales is
 *       demand information too.
 *   <li>Late observations for a closed bucket still within {@code allowed-lateness} (and the kept history) revise it
 *       and emit a revised forecast for the newest bucket; later ones are counted in {@code demandLateDropped}.
 *   <li>State per series is bounded: {@code history} buckets, the model and its Kalman state, the open buckets. A
 *       series whose whole kept history is zero is dropped with its state; its next sale starts it afresh. An
 *       end-of-series observation (an item left the top items) drops it at once; timers still set find nothing.
 *   <li>Forecasts are floored at zero: demand cannot be negative.
 * </ul>
 */
public final class DemandForecastFunction extends KeyedProcessFunction<String, DemandObservation, DemandForecast> {

    private final DemandSettings settings;
    private transient SeriesForecaster forecaster;
    private transient ValueState<SeriesState> seriesState;
    private transient ValueState<Long> closedUntil;
    private transient MapState<Long, Double> openBuckets;
    private transient Counter lateDropped;

    public DemandForecastFunction(DemandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        forecaster = settings.forecaster();
        seriesState = getRuntimeContext().getState(new ValueStateDescriptor<>("demand-series", SeriesState.class));
        closedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("demand-closed-until", Long.class));
        openBuckets = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("demand-open-buckets", Long.class, Double.class));
        lateDropped = getRuntimeContext().getMetricGroup().counter("demandLateDropped");
    }

    @Override
    public void processElement(DemandObservation observation, Context ctx, Collector<DemandForecast> out)
            throws Exception {
        if (observation.endsSeries()) {
            seriesState.clear();
            closedUntil.clear();
            openBuckets.clear();
            return;
        }
        long size = settings.windowMillis();
        long end = Math.floorDiv(observation.eventTime(), size) * size + size;
        Long closed = closedUntil.value();
        if (closed != null && end <= closed) {
            revise(observation, end, closed, ctx, out);
            return;
        }
        Double sum = openBuckets.get(end);
        openBuckets.put(end, (sum == null ? 0 : sum) + observation.quantity());
        ctx.timerService().registerEventTimeTimer(end - 1);
    }

    private void revise(DemandObservation observation, long end, long closed, Context ctx,
            Collector<DemandForecast> out) throws Exception {
        SeriesState state = seriesState.value();
        long age = (closed - end) / settings.windowMillis();
        boolean pastLateness = end - 1 + settings.allowedLateness().toMillis() < ctx.timerService().currentWatermark();
        if (pastLateness || state == null || age >= state.history().length) {
            lateDropped.inc();
            return;
        }
        double[] history = state.history();
        double revised = history[history.length - 1 - (int) age] + observation.quantity();
        SeriesForecaster.Step step = forecaster.revise(state, (int) age, revised);
        seriesState.update(step.state());
        emit(closed, step, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DemandForecast> out) throws Exception {
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
        long end = next;
        while (end - 1 <= timestamp) {
            Double value = openBuckets.get(end);
            if (value != null) {
                openBuckets.remove(end);
            }
            SeriesForecaster.Step step = forecaster.append(state, value == null ? 0 : value);
            state = step.state();
            emit(end, step, ctx, out);
            closed = end;
            end += size;
        }
        if (silent(state) && openBuckets.isEmpty()) {
            seriesState.clear();
            closedUntil.clear();
            return;
        }
        seriesState.update(state);
        closedUntil.update(closed);
        // At the end of a bounded input the watermark jumps to the end of time: stop once the buckets holding data
        // are closed, instead of walking zero buckets into a future the input never reached.
        boolean inputEnded = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (!inputEnded || !openBuckets.isEmpty()) {
            ctx.timerService().registerEventTimeTimer(end - 1);
        }
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

    private void emit(long windowEnd, SeriesForecaster.Step step, Context ctx, Collector<DemandForecast> out) {
        if (step.forecast() == null) {
            return; // fewer than two buckets yet
        }
        out.collect(new DemandForecast(ctx.getCurrentKey(), settings.windowMillis(), windowEnd, step.model(),
                step.forecast().atLeast(0), ctx.timerService().currentProcessingTime()));
    }
}
