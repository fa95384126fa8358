package dev.funnelflow.flink;

import dev.funnelflow.job.JobSettings;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.DecayedTopList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecsSettings;
import dev.funnelflow.recs.ScoredItems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by candidate list (an item's neighbours, a category's or the shop's popular items): answers lookups with
 * the list as it was before this event, then learns the event's co-occurrences. Keeping one list per key in
 * keyed state spreads the item graph over the cluster, so it scales with the catalogue.
 *
 * <p>Popularity keys are few and asked on every request; their answers are reused for
 * {@code popularity-refresh} of event time from a small heap cache. The cache is only a copy of keyed state
 * this subtask owns, so losing it on restore costs one read per key.
 */
public final class CandidateListFunction extends KeyedProcessFunction<String, ItemSignal, CandidateList> {

    private static final int CACHED_POPULARITY_LISTS = 10_000;

    private final JobSettings settings;
    private transient ValueState<DecayedTopList> listState;
    private transient Map<String, CachedTop> popularityCache;

    private record CachedTop(ScoredItems top, long eventTime) {}

    public CandidateListFunction(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DecayedTopList> descriptor = new ValueStateDescriptor<>("candidates", DecayedTopList.class);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.itemStateTtl()));
        listState = getRuntimeContext().getState(descriptor);
        popularityCache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedTop> eldest) {
                return size() > CACHED_POPULARITY_LISTS;
            }
        };
    }

    @Override
    public void processElement(ItemSignal signal, Context ctx, Collector<CandidateList> out) throws Exception {
        CandidateSource source = CandidateSource.ofKey(signal.key());
        RecsSettings recs = settings.recs();
        DecayedTopList list = null;
        if (signal.isLookup()) {
            ScoredItems top;
            if (source == CandidateSource.COVISITATION) {
                list = listState.value();
                top = top(list, source, signal.eventTime());
            } else {
                top = cachedPopularity(signal, source);
            }
            out.collect(new CandidateList(signal.recId(), source, signal.lookupWeight(), top.items(), top.scores()));
        }
        if (signal.coItems().length > 0) {
            if (list == null) {
                list = listState.value();
            }
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

    private ScoredItems cachedPopularity(ItemSignal signal, CandidateSource source) throws Exception {
        CachedTop cached = popularityCache.get(signal.key());
        if (cached == null || Math.abs(signal.eventTime() - cached.eventTime()) > settings.recs().popularityRefreshMillis()) {
            cached = new CachedTop(top(listState.value(), source, signal.eventTime()), signal.eventTime());
            popularityCache.put(signal.key(), cached);
        }
        return cached.top();
    }

    private ScoredItems top(DecayedTopList list, CandidateSource source, long time) {
        RecsSettings recs = settings.recs();
        return list == null ? ScoredItems.EMPTY : list.top(recs.returned(source), time, recs.halfLifeMillis());
    }
}
