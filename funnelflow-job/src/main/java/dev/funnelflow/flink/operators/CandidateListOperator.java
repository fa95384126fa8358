package dev.funnelflow.flink.operators;

import dev.funnelflow.flink.DecayedTopListSerializer;
import dev.funnelflow.ranking.CategoryStats;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.DecayedTopList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecsSettings;
import dev.funnelflow.recs.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by candidate list (an item's neighbours, a category's or the shop's popular items): answers lookups with
 * the list as it was before this event, then learns the event's co-occurrences. Keeping one list per key in
 * keyed state spreads the item graph over the cluster, so it scales with the catalogue.
 *
 * <p>Every view sends up to eight signals, most of them to the lists of popular items. The most recently used
 * lists therefore stay deserialized on the heap ({@code funnelflow.recs.list-cache} per subtask) and reach keyed
 * state when they leave that cache and before every checkpoint barrier, instead of a state read and write per
 * signal. {@code itemListStateReads} and {@code itemListStateWrites} count what still goes to state.
 *
 * <p>A category's key also keeps the category's conversion statistics ({@link CategoryStats}) from the same
 * sample of events, and answers lookups with its conversion rate for ranking.
 *
 * <p>Popularity keys are few and asked on every request; their answers are reused for
 * {@code popularity-refresh} of event time from a small heap cache. Both caches only hold what keyed state of this
 * subtask holds or will hold at the next barrier, so losing them on restore costs one read per key.
 */
public final class CandidateListOperator extends AbstractStreamOperator<CandidateList>
        implements OneInputStreamOperator<ItemSignal, CandidateList> {

    private static final int CACHED_POPULARITY_LISTS = 10_000;

    private final RecsSettings recs;
    private final Duration stateTtl;
    private final int listCacheEntries;
    private transient ValueState<DecayedTopList> listState;
    private transient ValueState<CategoryStats> categoryState;
    private transient WriteBackCache<String, DecayedTopList> lists;
    private transient Map<String, CachedTop> popularityCache;
    private transient Counter stateReads;
    private transient Counter stateWrites;
    private transient TaskThreadHold hold;

    private record CachedTop(ScoredItems top, double categoryConversion, long eventTime) {}

    /**
     * @param stateTtl how long an item's or category's lists live after their last update
     * @param listCacheEntries lists kept deserialized between checkpoints, 0 for none
     */
    public CandidateListOperator(RecsSettings recs, Duration stateTtl, int listCacheEntries) {
        this.recs = recs;
        this.stateTtl = stateTtl;
        this.listCacheEntries = listCacheEntries;
    }

    @Override
    public void open() throws Exception {
        super.open();
        ValueStateDescriptor<DecayedTopList> descriptor = new ValueStateDescriptor<>("candidates", DecayedTopListSerializer.INSTANCE);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(stateTtl));
        listState = getPartitionedState(descriptor);
        ValueStateDescriptor<CategoryStats> category = new ValueStateDescriptor<>("category-stats", CategoryStats.class);
        category.enableTimeToLive(StateTtl.afterLastWrite(stateTtl));
        categoryState = getPartitionedState(category);
        lists = new WriteBackCache<>(listCacheEntries, this::writeBack);
        popularityCache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedTop> eldest) {
                return size() > CACHED_POPULARITY_LISTS;
            }
        };
        stateReads = getMetricGroup().counter("itemListStateReads");
        stateWrites = getMetricGroup().counter("itemListStateWrites");
        hold = TaskThreadHold.register(getMetricGroup());
    }

    @Override
    public void processElement(StreamRecord<ItemSignal> record) throws Exception {
        long started = hold.start();
        try {
            answerAndLearn(record);
        } finally {
            hold.end(started);
        }
    }

    /** Answers a lookup from the key's list, then folds the signal's co-items into it. */
    private void answerAndLearn(StreamRecord<ItemSignal> record) throws Exception {
        ItemSignal signal = record.getValue();
        CandidateSource source = CandidateSource.ofKey(signal.key());
        if (signal.isLookup()) {
            CandidateList answer;
            if (source == CandidateSource.COVISITATION) {
                answer = new CandidateList(signal.recId(), source, signal.lookupWeight(),
                        top(list(signal.key()), recs.returned(source, signal.lookupWeight()), signal.eventTime()),
                        Double.NaN);
            } else {
                CachedTop top = cachedPopularity(signal, source);
                answer = new CandidateList(signal.recId(), source, signal.lookupWeight(), top.top(),
                        top.categoryConversion());
            }
            output.collect(record.replace(answer));
        }
        if (signal.coItems().size() > 0) {
            DecayedTopList list = list(signal.key());
            if (list == null) {
                list = new DecayedTopList();
            }
            for (int i = 0; i < signal.coItems().size(); i++) {
                list.add(signal.coItems(), i, signal.coWeights()[i], signal.eventTime(), recs.capacity(source),
                        recs.halfLifeMillis());
            }
            lists.putDirty(signal.key(), list);
            if (source == CandidateSource.CATEGORY_POPULAR) {
                observeCategory(signal);
            }
        }
    }

    /** The current key's list, from the cache or else from state; null when it has none yet. */
    private DecayedTopList list(String key) throws IOException {
        DecayedTopList list = lists.get(key);
        if (list == null) {
            stateReads.inc();
            list = listState.value();
            if (list != null) {
                lists.putClean(key, list);
            }
        }
        return list;
    }

    /** Stores a list the cache lets go of, under its own key; the element being processed keeps its key. */
    private void writeBack(String key, DecayedTopList list) {
        Object current = getCurrentKey();
        setCurrentKey(key);
        try {
            listState.update(list);
        } catch (IOException e) {
            throw new UncheckedIOException("writing item list " + key + " to state", e);
        }
        stateWrites.inc();
        if (current != null) {
            setCurrentKey(current);
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        lists.flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        lists.flush();
        super.finish();
    }

    /** Category keys receive a sample of the category's events, each standing for 1/rate of them. */
    private void observeCategory(ItemSignal signal) throws Exception {
        CategoryStats stats = categoryState.value();
        if (stats == null) {
            stats = new CategoryStats();
        }
        stats.observe(signal.interaction(), signal.coWeights()[0], signal.eventTime(), recs.halfLifeMillis());
        categoryState.update(stats);
    }

    private CachedTop cachedPopularity(ItemSignal signal, CandidateSource source) throws Exception {
        CachedTop cached = popularityCache.get(signal.key());
        long time = signal.eventTime();
        if (cached == null || Math.abs(time - cached.eventTime()) > recs.popularityRefreshMillis()) {
            double conversion = Double.NaN;
            if (source == CandidateSource.CATEGORY_POPULAR) {
                CategoryStats stats = categoryState.value();
                conversion = stats == null ? CategoryStats.PRIOR_RATE
                        : stats.conversionRate(time, recs.halfLifeMillis());
            }
            cached = new CachedTop(top(list(signal.key()), recs.returned(source, signal.lookupWeight()), time),
                    conversion, time);
            popularityCache.put(signal.key(), cached);
        }
        return cached;
    }

    private ScoredItems top(DecayedTopList list, int entries, long time) {
        return list == null ? ScoredItems.EMPTY : list.top(entries, time, recs.halfLifeMillis());
    }
}
