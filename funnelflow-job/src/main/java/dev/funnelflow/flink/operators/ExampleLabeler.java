package dev.funnelflow.flink.operators;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.flink.routing.UserInput;
import dev.funnelflow.ranking.ItemOutcomes;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.TrainingExample;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per user: joins served examples with what the user did next ({@link ItemOutcomes}, one per item so that an event
 * reads and writes only its own item's) and writes each example with its labels once its convert window has passed
 * in event time. At the end of a bounded input, examples whose window reaches past the last event seen are
 * dropped (counted as {@code examplesUnresolved}): their labels are not known, and writing them as negatives would
 * teach the model that the last day's candidates never sell.
 *
 * <p>A {@link ForgetUser} (forwarded by user-activity on the first input) deletes the user's outcomes and timers.
 * Timers are registered per event and example and outlive the outcomes they were set for, so their instants are
 * kept in state: the forget deletes exactly those, rather than leaving the user's key in the timer state until
 * they fire on nothing.
 *
 * <p>Served examples come from the ranking path, not in the user's order: those of lists served before the forget may
 * arrive after it. For the in-flight horizon the forget's cut-off is kept, and examples whose trigger event is no
 * later than it are dropped ({@code forgottenInputsDropped}); a later one answers new activity.
 */
public final class ExampleLabeler
        extends KeyedCoProcessFunction<String, UserInput, ServedExample, TrainingExample> {

    private final RankingSettings settings;
    private final Duration forgetHorizon;
    private transient MapState<String, ItemOutcomes> outcomesByItem;
    private transient ValueState<Long> forgetCutoff;
    private transient MapState<Long, Boolean> timerInstants;
    private transient UsersForgotten forgotten;
    private transient Counter unresolved;
    private transient long latestEventTime;

    public ExampleLabeler(RankingSettings settings, Duration forgetHorizon) {
        this.settings = settings;
        this.forgetHorizon = forgetHorizon;
    }

    /** The events that can label an example: views and clicks (click), purchases (convert). */
    public static boolean labels(ClickEvent event) {
        return event.itemId() != null && (event.type() == EventType.VIEW || event.type() == EventType.CLICK
                || event.type() == EventType.PURCHASE);
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, ItemOutcomes> descriptor =
                new MapStateDescriptor<>("outcomes-by-item", String.class, ItemOutcomes.class);
        // Outlives the longest wait by far; it only matters if a timer was lost, e.g. to a state migration.
        Duration ttl = Duration.ofMillis(3 * settings.labels().convertMillis());
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(ttl));
        outcomesByItem = getRuntimeContext().getMapState(descriptor);
        MapStateDescriptor<Long, Boolean> timers =
                new MapStateDescriptor<>("timer-instants", Long.class, Boolean.class);
        timers.enableTimeToLive(StateTtl.afterLastWrite(ttl));
        timerInstants = getRuntimeContext().getMapState(timers);
        forgetCutoff = getRuntimeContext().getState(UsersForgotten.expiringAfter(
                new ValueStateDescriptor<>("forget-cutoff", Long.class), forgetHorizon));
        forgotten = UsersForgotten.register(getRuntimeContext(), forgetHorizon);
        unresolved = getRuntimeContext().getMetricGroup().counter("examplesUnresolved");
        latestEventTime = Long.MIN_VALUE;
    }

    @Override
    public void processElement1(UserInput input, Context ctx, Collector<TrainingExample> out) throws Exception {
        if (input.forget() != null) {
            forget(input.forget(), input.forgetCutoff(), ctx);
            return;
        }
        ClickEvent event = input.event();
        latestEventTime = Math.max(latestEventTime, event.eventTime());
        ItemOutcomes outcomes = outcomes(event.itemId());
        outcomes.observe(event.type(), event.eventTime(), settings.labels());
        outcomesByItem.put(event.itemId(), outcomes);
        // Interactions are only worth keeping for examples still to come; this timer lets them go.
        registerTimer(ctx, settings.labels().finalAt(event.eventTime()));
    }

    @Override
    public void processElement2(ServedExample example, Context ctx, Collector<TrainingExample> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (forgotten.dropsInFlight(now, forgetCutoff::value, example.eventTime())) {
            return;
        }
        ItemOutcomes outcomes = outcomes(example.itemId());
        outcomes.add(example, settings.labels());
        outcomesByItem.put(example.itemId(), outcomes);
        registerTimer(ctx, settings.labels().finalAt(example.eventTime()));
    }

    /** Registers the timer and remembers its instant, so that a forget can delete it. */
    private void registerTimer(Context ctx, long instant) throws Exception {
        if (!timerInstants.contains(instant)) {
            ctx.timerService().registerEventTimeTimer(instant);
            timerInstants.put(instant, true);
        }
    }

    private void forget(ForgetUser forget, long cutoff, Context ctx) throws Exception {
        for (long instant : timerInstants.keys()) {
            ctx.timerService().deleteEventTimeTimer(instant);
        }
        timerInstants.clear();
        outcomesByItem.clear();
        forgetCutoff.update(cutoff);
        forgotten.countGuarded(forget.commandId(), ctx.timerService().currentProcessingTime());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrainingExample> out) throws Exception {
        timerInstants.remove(timestamp);
        boolean unknowable = ctx.timerService().currentWatermark() == Long.MAX_VALUE && timestamp > latestEventTime;
        // Written back after the scan: changing entries through the iterator does not reach TTL'd RocksDB state.
        Map<String, ItemOutcomes> changed = new HashMap<>();
        for (Map.Entry<String, ItemOutcomes> entry : outcomesByItem.entries()) {
            ItemOutcomes outcomes = entry.getValue();
            List<TrainingExample> done = outcomes.takeFinal(timestamp, settings.labels());
            for (TrainingExample example : done) {
                if (unknowable) {
                    unresolved.inc();
                } else {
                    out.collect(example);
                }
            }
            changed.put(entry.getKey(), outcomes.isEmpty() ? null : outcomes);
        }
        for (Map.Entry<String, ItemOutcomes> entry : changed.entrySet()) {
            if (entry.getValue() == null) {
                outcomesByItem.remove(entry.getKey());
            } else {
                outcomesByItem.put(entry.getKey(), entry.getValue());
            }
        }
    }

    private ItemOutcomes outcomes(String item) throws Exception {
        ItemOutcomes outcomes = outcomesByItem.get(item);
        return outcomes != null ? outcomes : new ItemOutcomes();
    }
}
