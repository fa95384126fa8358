package dev.funnelflow.flink.operators;

import dev.funnelflow.demand.DecayedVolume;
import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.ItemVolume;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by item series: the item's purchase volume, decayed with {@code funnelflow.demand.top-items-half-life}, and
 * reported once after each window in which it sold (not per purchase), so that {@link TopItemsFunction} at
 * parallelism 1 sees one record per selling item and window.
 *
 * <p>State per item: one {@link DecayedVolume}, expiring ten half-lives after the last sale (when it counts under a
 * thousandth of what it was), and the sums of windows not yet closed.
 */
public final class ItemVolumeFunction extends KeyedProcessFunction<String, DemandObservation, ItemVolume> {

    private final DemandSettings settings;
    private transient ValueState<DecayedVolume> volume;
    private transient MapState<Long, Double> windowSums;

    public ItemVolumeFunction(DemandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DecayedVolume> volumeDescriptor =
                new ValueStateDescriptor<>("item-volume", DecayedVolume.class);
        volumeDescriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.topItemsHalfLife().multipliedBy(10)));
        volume = getRuntimeContext().getState(volumeDescriptor);
        windowSums = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("item-volume-window-sums", Long.class, Double.class));
    }

    /** {@code purchase} is one purchase of the item. */
    @Override
    public void processElement(DemandObservation purchase, Context ctx, Collector<ItemVolume> out) throws Exception {
        long size = settings.windowMillis();
        long end = Math.floorDiv(purchase.eventTime(), size) * size + size;
        Double sum = windowSums.get(end);
        windowSums.put(end, (sum == null ? 0 : sum) + purchase.quantity());
        ctx.timerService().registerEventTimeTimer(end - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ItemVolume> out) throws Exception {
        long end = timestamp + 1;
        Double sum = windowSums.get(end);
        if (sum == null) {
            return;
        }
        windowSums.remove(end);
        long halfLife = settings.topItemsHalfLife().toMillis();
        DecayedVolume before = volume.value();
        DecayedVolume after = (before == null ? DecayedVolume.NONE : before).plus(sum, end, halfLife);
        volume.update(after);
        out.collect(new ItemVolume(ctx.getCurrentKey(), end, after.at(end, halfLife)));
    }
}
