package dev.funnelflow.flink.operators;

import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.SeriesMembership;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item series: lets through the observations of the series {@link TopItemsFunction} tracks, from the time
 * it starts tracking them, and drops the rest. When a series stops being tracked, an end-of-series observation follows
 * its last one (same key, same channel, so in order), and the forecaster drops the series instead of reading the
 * silence as zero demand.
 *
 * <p>Membership is decided in event time, as windows close, while observations may run far ahead of the watermark
 * (a replay reads hours of events between two watermarks). So observations are summed per bucket and judged when the
 * watermark passes the bucket's end, with the membership known by then. An untracked series' observation is dropped
 * at once, without state, when an entry that could still cover it would already have arrived: entries take effect a
 * bucket after the window that decided them.
 *
 * <p>Membership travels keyed, not broadcast: each subtask holds only the tracked series of its key range, and only
 * the changes move, whatever the catalogue size.
 */
public final class TrackedSeriesGate
        extends KeyedCoProcessFunction<String, DemandObservation, SeriesMembership, DemandObservation> {

    private final DemandSettings settings;
    private transient ValueState<Long> trackedSince;
    private transient MapState<Long, Double> pendingBuckets;

    public TrackedSeriesGate(DemandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        trackedSince = getRuntimeContext().getState(new ValueStateDescriptor<>("tracked-since", Long.class));
        pendingBuckets = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("tracked-pending-buckets", Long.class, Double.class));
    }

    @Override
    public void processElement1(DemandObservation observation, Context ctx, Collector<DemandObservation> out)
            throws Exception {
        long size = settings.windowMillis();
        long end = Math.floorDiv(observation.eventTime(), size) * size + size;
        boolean entryWouldHaveArrived = end - size <= ctx.timerService().currentWatermark() + 1 + size;
        if (trackedSince.value() == null && entryWouldHaveArrived) {
            return;
        }
        Double sum = pendingBuckets.get(end);
        pendingBuckets.put(end, (sum == null ? 0 : sum) + observation.quantity());
        ctx.timerService().registerEventTimeTimer(end - 1);
    }

    @Override
    public void processElement2(SeriesMembership membership, Context ctx, Collector<DemandObservation> out)
            throws Exception {
        Long since = trackedSince.value();
        if (membership.tracked()) {
            if (since == null) {
                trackedSince.update(membership.effectiveTime());
            }
        } else if (since != null) {
            trackedSince.clear();
            pendingBuckets.clear(); // of a series that ends: nothing more goes out for it
            out.collect(DemandObservation.end(membership.series(), membership.effectiveTime()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<DemandObservation> out) throws Exception {
        long end = timestamp + 1;
        Double sum = pendingBuckets.get(end);
        if (sum == null) {
            return;
        }
        pendingBuckets.remove(end);
        Long since = trackedSince.value();
        if (since != null && end - settings.windowMillis() >= since) {
            out.collect(new DemandObservation(ctx.getCurrentKey(), timestamp, sum));
        }
    }
}
