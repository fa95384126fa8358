package dev.funnelflow.flink;

import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.ItemVolume;
import dev.funnelflow.demand.SeriesMembership;
import dev.funnelflow.demand.TopItemsState;
import dev.funnelflow.demand.TopItemsTracker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The one place that knows which items are the top {@code funnelflow.demand.top-items} by purchase volume (run at
 * parallelism 1 under the single key {@link #KEY}). Its input is each item's decayed volume after a window in which
 * it sold, from {@link ItemVolumeFunction}: one record per selling item and window, not one per purchase, and state
 * for {@code 2·top-items} items, not the catalogue.
 *
 * <p>The window's volumes are collected until the watermark passes the window's end (by then every upstream subtask
 * has sent its sums), then {@link TopItemsTracker} updates the summary once and the changes go out as
 * {@link SeriesMembership}s for the item's series (and its views series): an entering item is tracked from the next
 * bucket boundary on, so that its first bucket is whole; a leaving item's series ends at this window's end.
 */
public final class TopItemsFunction extends KeyedProcessFunction<String, ItemVolume, SeriesMembership> {

    public static final String KEY = "top-items";

    private final DemandSettings settings;
    private transient TopItemsTracker tracker;
    private transient ValueState<TopItemsState> summary;
    private transient MapState<ItemWindow, Double> windowVolumes;

    /**
     * An item's series in one window: volumes wait under their window, since a watermark that jumps (at the end of a
     * replay, or after idleness) closes several windows at once.
     */
    public record ItemWindow(String series, long windowEnd) {}

    public TopItemsFunction(DemandSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        tracker = settings.topItemsTracker();
        summary = getRuntimeContext().getState(new ValueStateDescriptor<>("top-items", TopItemsState.class));
        windowVolumes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("top-items-window-volumes", ItemWindow.class, Double.class));
    }

    @Override
    public void processElement(ItemVolume volume, Context ctx, Collector<SeriesMembership> out) throws Exception {
        windowVolumes.put(new ItemWindow(volume.series(), volume.windowEnd()), volume.volume());
        ctx.timerService().registerEventTimeTimer(volume.windowEnd() - 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SeriesMembership> out) throws Exception {
        long windowEnd = timestamp + 1;
        Map<String, Double> volumes = new HashMap<>();
        List<ItemWindow> counted = new ArrayList<>();
        for (Map.Entry<ItemWindow, Double> entry : windowVolumes.entries()) {
            if (entry.getKey().windowEnd() == windowEnd) {
                volumes.put(entry.getKey().series(), entry.getValue());
                counted.add(entry.getKey());
            }
        }
        for (ItemWindow key : counted) {
            windowVolumes.remove(key);
        }
        TopItemsState state = summary.value();
        TopItemsTracker.Update update = tracker.update(state == null ? TopItemsState.empty() : state, volumes,
                windowEnd);
        summary.update(update.state());
        emit(update.left(), false, windowEnd, out);
        emit(update.joined(), true, windowEnd + settings.windowMillis(), out);
    }

    private void emit(List<String> itemSeries, boolean tracked, long effectiveTime, Collector<SeriesMembership> out) {
        for (String series : itemSeries) {
            out.collect(new SeriesMembership(series, tracked, effectiveTime));
            if (settings.views()) {
                out.collect(new SeriesMembership(DemandObservation.viewsSeries(series), tracked, effectiveTime));
            }
        }
    }
}
