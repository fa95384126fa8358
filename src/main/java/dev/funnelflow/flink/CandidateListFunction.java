package dev.funnelflow.flink;

import dev.funnelflow.job.JobSettings;
import dev.funnelflow.ranking.CategoryStats;
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
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by candidate list (an item's neighbours, a category's or the shop's popular items): answers lookups with
 * the list as it was before this event, then learns the event's co-occurrences. Keeping one list per key in
 * keyed state spreads the item graph over the cluster, so it scales with the catalogue.
 *
 * <p>A category's key also keeps the category's conversion statistics ({@link CategoryStats}) from the same
 * sample of events, and answers lookups with its conversion rate for ranking.
 *
 * <p>Popularity keys are few and asked on every request; their answers are reused for
 * {@code popularity-refresh} of event time from a small heap cache. The cache is only a copy of keyed state
 * this subtask owns, so losing it on restore costs one read per key.
 */
public final class CandidateListFunction extends KeyedProcessFunction<String, ItemSignal, CandidateList>
        implements ResultTypeQueryable<CandidateList> {

    private static final int CACHED_POPULARITY_LISTS = 10_000;

    private final JobSettings settings;
    private transient ValueState<DecayedTopList> listState;
    private transient ValueState<CategoryStats> categoryState;
    private transient Map<String, CachedTop> popularityCache;

    private record CachedTop(ScoredItems top, double categoryConversion, long eventTime) {}

    public CandidateListFunction(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DecayedTopList> descriptor = new ValueStateDescriptor<>("candidates", DecayedTopListSerializer.INSTANCE);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.itemStateTtl()));
        listState = getRuntimeContext().getState(descriptor);
        ValueStateDescriptor<CategoryStats> category = new ValueStateDescriptor<>("category-stats", CategoryStats.class);
        category.enableTimeToLive(StateTtl.afterLastWrite(settings.itemStateTtl()));
        categoryState = getRuntimeContext().getState(category);
        popularityCache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedTop> eldest) {
                return size() > CACHED_POPULARITY_LISTS;
            }
        };
    }

    @Override
    public TypeInformation<CandidateList> getProducedType() {
        return WireTypes.CANDIDATE_LIST;
    }

    @Override
    public void processElement(ItemSignal signal, Context ctx, Collector<CandidateList> out) throws Exception {
        CandidateSource source = CandidateSource.ofKey(signal.key());
        RecsSettings recs = settings.recs();
        DecayedTopList list = null;
        if (signal.isLookup()) {
            if (source == CandidateSource.COVISITATION) {
                list = listState.value();
                out.collect(new CandidateList(signal.recId(), source, signal.lookupWeight(),
                        top(list, recs.returned(source, signal.lookupWeight()), signal.eventTime()), Double.NaN));
            } else {
                CachedTop top = cachedPopularity(signal, source);
                out.collect(new CandidateList(signal.recId(), source, signal.lookupWeight(), top.top(),
                        top.categoryConversion()));
            }
        }
        if (signal.coItems().size() > 0) {
            if (list == null) {
                list = listState.value();
            }
            if (list == null) {
                list = new DecayedTopList();
            }
            for (int i = 0; i < signal.coItems().size(); i++) {
                list.add(signal.coItems(), i, signal.coWeights()[i], signal.eventTime(), recs.capacity(source),
                        recs.halfLifeMillis());
            }
            listState.update(list);
            if (source == CandidateSource.CATEGORY_POPULAR) {
                observeCategory(signal);
            }
        }
    }

    /** Category keys receive a sample of the category's events, each standing for 1/rate of them. */
    private void observeCategory(ItemSignal signal) throws Exception {
        CategoryStats stats = categoryState.value();
        if (stats == null) {
            stats = new CategoryStats();
        }
        stats.observe(signal.interaction(), signal.coWeights()[0], signal.eventTime(), settings.recs().halfLifeMillis());
        categoryState.update(stats);
    }

    private CachedTop cachedPopularity(ItemSignal signal, CandidateSource source) throws Exception {
        CachedTop cached = popularityCache.get(signal.key());
        long time = signal.eventTime();
        if (cached == null || Math.abs(time - cached.eventTime()) > settings.recs().popularityRefreshMillis()) {
            double conversion = Double.NaN;
            if (source == CandidateSource.CATEGORY_POPULAR) {
                CategoryStats stats = categoryState.value();
                conversion = stats == null ? CategoryStats.PRIOR_RATE
                        : stats.conversionRate(time, settings.recs().halfLifeMillis());
            }
            cached = new CachedTop(top(listState.value(), settings.recs().returned(source, signal.lookupWeight()), time),
                    conversion, time);
            popularityCache.put(signal.key(), cached);
        }
        return cached;
    }

    private ScoredItems top(DecayedTopList list, int entries, long time) {
        return list == null ? ScoredItems.EMPTY : list.top(entries, time, settings.recs().halfLifeMillis());
    }
}
