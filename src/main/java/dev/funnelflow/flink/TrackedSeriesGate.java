package dev.funnelflow.flink;

import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.SeriesMembership;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item series: lets through the observations of the series {@link TopItemsFunction} tracks, from the time
 * it starts tracking them, and drops the rest without keeping state for them. When a series stops being tracked, an
 * end-of-series observation follows its last one (same key, same channel, so in order), and the forecaster drops the
 * series instead of reading the silence as zero demand.
 *
 * <p>Membership travels keyed, not broadcast: each subtask holds only the tracked series of its key range, and only
 * the changes move, whatever the catalogue size.
 */
public final class TrackedSeriesGate
        extends KeyedCoProcessFunction<String, DemandObservation, SeriesMembership, DemandObservation> {

    private transient ValueState<Long> trackedSince;

    @Override
    public void open(OpenContext openContext) {
        trackedSince = getRuntimeContext().getState(new ValueStateDescriptor<>("tracked-since", Long.class));
    }

    @Override
    public void processElement1(DemandObservation observation, Context ctx, Collector<DemandObservation> out)
            throws Exception {
        Long since = trackedSince.value();
        if (since != null && observation.eventTime() >= since) {
            out.collect(observation);
        }
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
            out.collect(DemandObservation.end(membership.series(), membership.effectiveTime()));
        }
    }
}
