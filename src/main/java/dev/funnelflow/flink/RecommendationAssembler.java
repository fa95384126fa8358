package dev.funnelflow.flink;

import dev.funnelflow.job.JobSettings;
import dev.funnelflow.recs.CandidateBlender;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.RecommendedItem;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by request: waits until the request and all its candidate lists have arrived (in any order, from any
 * item-graph subtask), blends them into the top-K list and clears its state. Nothing is emitted when no
 * candidate survives the filters.
 */
public final class RecommendationAssembler
        extends KeyedCoProcessFunction<String, RecommendationRequest, CandidateList, Recommendation> {

    /** Lists always arrive within moments; the TTL only bounds state if an input was ever cut short. */
    private static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final JobSettings settings;
    private transient ValueState<RecommendationRequest> requestState;
    private transient ListState<CandidateList> listsState;
    private transient ValueState<Integer> listCountState;

    public RecommendationAssembler(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<RecommendationRequest> request =
                new ValueStateDescriptor<>("request", RecommendationRequest.class);
        request.enableTimeToLive(StateTtl.afterLastWrite(ABANDONED_AFTER));
        requestState = getRuntimeContext().getState(request);
        ListStateDescriptor<CandidateList> lists = new ListStateDescriptor<>("lists", CandidateList.class);
        lists.enableTimeToLive(StateTtl.afterLastWrite(ABANDONED_AFTER));
        listsState = getRuntimeContext().getListState(lists);
        ValueStateDescriptor<Integer> count = new ValueStateDescriptor<>("list-count", Integer.class);
        count.enableTimeToLive(StateTtl.afterLastWrite(ABANDONED_AFTER));
        listCountState = getRuntimeContext().getState(count);
    }

    @Override
    public void processElement1(RecommendationRequest request, Context ctx, Collector<Recommendation> out)
            throws Exception {
        requestState.update(request);
        emitIfComplete(request, currentCount(), out);
    }

    @Override
    public void processElement2(CandidateList list, Context ctx, Collector<Recommendation> out) throws Exception {
        listsState.add(list);
        int count = currentCount() + 1;
        listCountState.update(count);
        RecommendationRequest request = requestState.value();
        if (request != null) {
            emitIfComplete(request, count, out);
        }
    }

    private int currentCount() throws Exception {
        Integer count = listCountState.value();
        return count == null ? 0 : count;
    }

    private void emitIfComplete(RecommendationRequest request, int lists, Collector<Recommendation> out)
            throws Exception {
        if (lists < request.expectedLists()) {
            return;
        }
        CandidateBlender blender = new CandidateBlender();
        for (CandidateList list : listsState.get()) {
            blender.add(list.source(), list.weight(), list.scored());
        }
        List<RecommendedItem> top = blender.top(settings.recs().k(), new HashSet<>(Arrays.asList(request.excludedItems())));
        // A brand-new shop has nothing to offer yet; an empty list would only cost the storefront a lookup.
        if (!top.isEmpty()) {
            out.collect(new Recommendation(request.recId(), request.userId(), request.sessionId(),
                    request.triggerEventId(), request.eventTime(), System.currentTimeMillis(),
                    top.toArray(new RecommendedItem[0]), null));
        }
        requestState.clear();
        listsState.clear();
        listCountState.clear();
    }
}
