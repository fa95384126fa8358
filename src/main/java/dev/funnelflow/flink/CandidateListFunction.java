package dev.funnelflow.flink;

import dev.funnelflow.job.JobSettings;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.DecayedTopList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecsSettings;
import dev.funnelflow.recs.ScoredItems;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by candidate list (an item's neighbours, a category's or the shop's popular items): answers lookups with
 * the list as it was before this event, then learns the event's co-occurrences. Keeping one list per key in
 * keyed state spreads the item graph over the cluster, so it scales with the catalogue.
 */
public final class CandidateListFunction extends KeyedProcessFunction<String, ItemSignal, CandidateList> {

    private final JobSettings settings;
    private transient ValueState<DecayedTopList> listState;

    public CandidateListFunction(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DecayedTopList> descriptor = new ValueStateDescriptor<>("candidates", DecayedTopList.class);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.itemStateTtl()));
        listState = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement(ItemSignal signal, Context ctx, Collector<CandidateList> out) throws Exception {
        CandidateSource source = CandidateSource.ofKey(signal.key());
        RecsSettings recs = settings.recs();
        DecayedTopList list = listState.value();
        if (signal.isLookup()) {
            ScoredItems top = list == null
                    ? ScoredItems.EMPTY
                    : list.top(recs.returned(source), signal.eventTime(), recs.halfLifeMillis());
            out.collect(new CandidateList(signal.recId(), source, signal.lookupWeight(), top.items(), top.scores()));
        }
        if (signal.coItems().length > 0) {
            if (list == null) {
                list = new DecayedTopList();
            }
            for (int i = 0; i < signal.coItems().length; i++) {
                list.add(signal.coItems()[i], signal.coWeights()[i], signal.eventTime(), recs.capacity(source),
                        recs.halfLifeMillis());
            }
            listState.update(list);
        }
    }
}
