package dev.funnelflow.flink.operators;

import dev.funnelflow.flink.DecayedTopListSerializer;
import dev.funnelflow.ranking.CategoryStats;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.DecayedTopList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.PopularLists;
import dev.funnelflow.recs.PopularitySample;
import dev.funnelflow.recs.RecsSettings;
import dev.funnelflow.recs.ScoredItems;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keyed by item: answers lookups with the item's neighbours as they were before this event, then learns the event's
 * co-occurrences. Keeping one list per item in keyed state spreads the item graph over the cluster, so it scales
 * with the catalogue.
 *
 * <p>Every view sends a signal to its item and one to each earlier item of its session. The most recently used
 * lists therefore stay deserialized on the heap ({@code funnelflow.recs.list-cache} per subtask) and reach keyed
 * state when they leave that cache and before every checkpoint barrier, instead of a state read and write per
 * signal. {@code itemListStateReads} and {@code itemListStateWrites} count what still goes to state.
 *
 * <p>Popularity is not keyed: every request wants its category's and the shop's lists, so a list per key would put
 * every request on the one subtask that holds it. Instead each subtask keeps all popularity lists
 * ({@link PopularLists}) and each category's conversion statistics ({@link CategoryStats}), fed on the second input
 * by every sampled event (broadcast; about a tenth of the events by default), and answers for the requests whose
 * trigger item it holds. Subtask 0 checkpoints its copy as union operator state, so a restore at any parallelism
 * gives every subtask that copy. Answers are reused for {@code popularity-refresh} of event time.
 */
public final class CandidateListOperator extends AbstractStreamOperator<CandidateList>
        implements TwoInputStreamOperator<ItemSignal, PopularitySample, CandidateList> {

    /**
     * Changed item lists that may wait for the barrier. Lists change again and again (a hot item's with most
     * views), so an early write is often followed by another before the barrier: a cap of 256, as for profiles, cost
     * candidate-lists two fifths more CPU per event. A few hundred to a thousand lists change per subtask between
     * checkpoints at 1,000-2,000 events/s, written in 2-51 ms.
     */
    static final int MAX_CHANGED_LISTS = 1_024;

    @SuppressWarnings("unchecked")
    private static final ListStateDescriptor<Tuple2<String, DecayedTopList>> POPULAR_LISTS = new ListStateDescriptor<>(
            "popular-lists", new TupleSerializer<>((Class<Tuple2<String, DecayedTopList>>) (Class<?>) Tuple2.class,
                    new TypeSerializer<?>[] {StringSerializer.INSTANCE, DecayedTopListSerializer.INSTANCE}));
    private static final ListStateDescriptor<Tuple2<String, CategoryStats>> CATEGORY_CONVERSION =
            new ListStateDescriptor<>("category-conversion",
                    Types.TUPLE(Types.STRING, TypeInformation.of(CategoryStats.class)));

    private final RecsSettings recs;
    private final Duration stateTtl;
    private final int listCacheEntries;
    private transient ValueState<DecayedTopList> listState;
    private transient WriteBackCache<String, DecayedTopList> lists;
    private transient PopularLists popular;
    private transient Map<String, CategoryStats> conversion;
    private transient ListState<Tuple2<String, DecayedTopList>> popularState;
    private transient ListState<Tuple2<String, CategoryStats>> conversionState;
    private transient Map<String, CachedTop> popularityAnswers;
    private transient StreamRecord<CandidateList> answers;
    private transient Counter stateReads;
    private transient TaskThreadHold hold;

    private record CachedTop(ScoredItems top, double categoryConversion, long eventTime) {}

    /**
     * @param stateTtl how long an item's list lives after its last update
     * @param listCacheEntries lists kept deserialized between checkpoints, 0 for none
     */
    public CandidateListOperator(RecsSettings recs, Duration stateTtl, int listCacheEntries) {
        this.recs = recs;
        this.stateTtl = stateTtl;
        this.listCacheEntries = listCacheEntries;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        popularState = context.getOperatorStateStore().getUnionListState(POPULAR_LISTS);
        conversionState = context.getOperatorStateStore().getUnionListState(CATEGORY_CONVERSION);
        popular = new PopularLists(recs);
        conversion = new HashMap<>();
        for (Tuple2<String, DecayedTopList> list : popularState.get()) {
            popular.byKey().put(list.f0, list.f1);
        }
        for (Tuple2<String, CategoryStats> category : conversionState.get()) {
            conversion.put(category.f0, category.f1);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        ValueStateDescriptor<DecayedTopList> descriptor = new ValueStateDescriptor<>("candidates", DecayedTopListSerializer.INSTANCE);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(stateTtl));
        listState = getPartitionedState(descriptor);
        popularityAnswers = new HashMap<>();
        answers = new StreamRecord<>(null);
        stateReads = getMetricGroup().counter("itemListStateReads");
        Counter stateWrites = getMetricGroup().counter("itemListStateWrites");
        lists = new WriteBackCache<>(listCacheEntries,
                new KeyedWriteBack<>(this, listState, stateWrites, "an item list"),
                getKeyedStateBackend().isSafeToReuseKVState(), MAX_CHANGED_LISTS);
        hold = TaskThreadHold.register(getMetricGroup());
    }

    @Override
    public void processElement1(StreamRecord<ItemSignal> record) throws Exception {
        long started = hold.start();
        try {
            answerAndLearn(record);
        } finally {
            hold.end(started);
        }
    }

    /** A sampled event: counted in every popularity list it belongs to, on every subtask. */
    @Override
    public void processElement2(StreamRecord<PopularitySample> record) {
        PopularitySample sample = record.getValue();
        popular.learn(sample);
        if (sample.category() != null && recs.uses(CandidateSource.CATEGORY_POPULAR)) {
            conversion.computeIfAbsent(sample.category(), category -> new CategoryStats())
                    .observe(sample.interaction(), sample.weight(), sample.eventTime(), recs.halfLifeMillis());
        }
    }

    /** Answers a lookup from the key's list and the popularity lists, then folds the signal's co-items in. */
    private void answerAndLearn(StreamRecord<ItemSignal> record) throws Exception {
        ItemSignal signal = record.getValue();
        if (signal.asksList()) {
            ScoredItems neighbours = top(list(signal.key()), recs.neighboursFor(signal.lookupWeight()),
                    signal.eventTime());
            emit(new CandidateList(signal.recId(), CandidateSource.COVISITATION, signal.lookupWeight(), neighbours,
                    Double.NaN), record);
        }
        if (signal.asksPopularity()) {
            for (CandidateSource source : recs.popularSources(signal.category())) {
                CachedTop top = popularity(source, signal.category(), signal.eventTime());
                emit(new CandidateList(signal.recId(), source, recs.lookupWeight(source), top.top(),
                        top.categoryConversion()), record);
            }
        }
        if (signal.coItems().size() > 0) {
            DecayedTopList list = list(signal.key());
            if (list == null) {
                list = new DecayedTopList();
            }
            for (int i = 0; i < signal.coItems().size(); i++) {
                list.add(signal.coItems(), i, signal.coWeights()[i], signal.eventTime(), recs.neighbourCapacity(),
                        recs.halfLifeMillis());
            }
            lists.putDirty(signal.key(), list);
        }
    }

    /** Sends an answer with the event time of the signal it answers. */
    private void emit(CandidateList answer, StreamRecord<ItemSignal> signal) {
        answers.replace(answer);
        if (signal.hasTimestamp()) {
            answers.setTimestamp(signal.getTimestamp());
        } else {
            answers.eraseTimestamp();
        }
        output.collect(answers);
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

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        lists.flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    /** The copies are alike, so one subtask writes its own and a restore hands it to every subtask. */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            popularState.update(entries(popular.byKey()));
            conversionState.update(entries(conversion));
        } else {
            popularState.clear();
            conversionState.clear();
        }
        super.snapshotState(context);
    }

    private static <V> List<Tuple2<String, V>> entries(Map<String, V> map) {
        List<Tuple2<String, V>> entries = new ArrayList<>(map.size());
        map.forEach((key, value) -> entries.add(Tuple2.of(key, value)));
        return entries;
    }

    @Override
    public void finish() throws Exception {
        lists.flush();
        super.finish();
    }

    /** A popularity list's top and, for a category, its conversion rate; recomputed after the refresh interval. */
    private CachedTop popularity(CandidateSource source, String category, long time) {
        String key = PopularLists.key(source, category);
        CachedTop cached = popularityAnswers.get(key);
        if (cached == null || Math.abs(time - cached.eventTime()) > recs.popularityRefreshMillis()) {
            double rate = Double.NaN;
            if (source == CandidateSource.CATEGORY_POPULAR) {
                CategoryStats stats = conversion.get(category);
                rate = stats == null ? CategoryStats.PRIOR_RATE : stats.conversionRate(time, recs.halfLifeMillis());
            }
            cached = new CachedTop(popular.top(source, category, time), rate, time);
            popularityAnswers.put(key, cached);
        }
        return cached;
    }

    private ScoredItems top(DecayedTopList list, int entries, long time) {
        return list == null ? ScoredItems.EMPTY : list.top(entries, time, recs.halfLifeMillis());
    }
}
