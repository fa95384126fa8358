package dev.funnelflow.flink.operators;

import dev.funnelflow.flink.WireTypes;
import dev.funnelflow.ranking.CategoryStats;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateBlender;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.PendingRecommendation;
import dev.funnelflow.recs.RecommendationRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by request: waits until the request and all its candidate lists have arrived (in any order, from any
 * item-graph subtask), blends them into the candidates to rank and forgets the request. Nothing is emitted when no
 * candidate survives the filters.
 *
 * <p>A request lives for milliseconds, so pending requests are kept on the heap instead of in keyed RocksDB
 * state, which cost five state reads and writes per candidate list and made this the job's hottest operator.
 * They are still checkpointed: snapshots write them to union list state, and on restore each subtask keeps the
 * requests whose key group it now owns, so restores and rescaling lose nothing.
 */
public final class RecommendationAssembler
        extends KeyedCoProcessFunction<String, RecommendationRequest, CandidateList, RankingRequest>
        implements CheckpointedFunction, ResultTypeQueryable<RankingRequest> {

    private final int candidates;
    private transient Map<String, PendingRecommendation> pending;
    private transient ListState<Tuple2<RecommendationRequest, CandidateList[]>> checkpointedPending;

    /** @param candidates how many candidates a request's list carries at most */
    public RecommendationAssembler(int candidates) {
        this.candidates = candidates;
    }

    @Override
    public TypeInformation<RankingRequest> getProducedType() {
        return WireTypes.RANKING_REQUEST;
    }

    @Override
    public void processElement1(RecommendationRequest request, Context ctx, Collector<RankingRequest> out) {
        PendingRecommendation entry = pending.computeIfAbsent(request.recId(), id -> new PendingRecommendation());
        entry.setRequest(request);
        emitIfComplete(entry, out);
    }

    @Override
    public void processElement2(CandidateList list, Context ctx, Collector<RankingRequest> out) {
        PendingRecommendation entry = pending.computeIfAbsent(list.recId(), id -> new PendingRecommendation());
        entry.add(list);
        emitIfComplete(entry, out);
    }

    private void emitIfComplete(PendingRecommendation entry, Collector<RankingRequest> out) {
        if (!entry.isComplete()) {
            return;
        }
        RecommendationRequest request = entry.request();
        pending.remove(request.recId());
        CandidateBlender blender = new CandidateBlender();
        double categoryConversion = CategoryStats.PRIOR_RATE;
        for (CandidateList list : entry.lists()) {
            blender.add(list.source(), list.weight(), list.scored());
            if (!Double.isNaN(list.categoryConversion())) {
                categoryConversion = list.categoryConversion();
            }
        }
        List<BlendedCandidate> top = blender.top(candidates, new HashSet<>(Arrays.asList(request.excludedItems())));
        // A brand-new shop has nothing to offer yet; an empty list would only cost the storefront a lookup.
        if (!top.isEmpty()) {
            out.collect(new RankingRequest(request, top.toArray(new BlendedCandidate[0]), categoryConversion));
        }
    }

    /** Requests waiting for candidate lists; for tests and metrics. */
    int pendingCount() {
        return pending.size();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple2<RecommendationRequest, CandidateList[]>> snapshot = new ArrayList<>(pending.size());
        for (PendingRecommendation entry : pending.values()) {
            snapshot.add(Tuple2.of(entry.request(), entry.lists().toArray(new CandidateList[0])));
        }
        checkpointedPending.update(snapshot);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        pending = new HashMap<>();
        checkpointedPending = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(
                "pending-recommendations",
                Types.TUPLE(TypeInformation.of(RecommendationRequest.class),
                        Types.OBJECT_ARRAY(WireTypes.CANDIDATE_LIST))));
        if (!context.isRestored()) {
            return;
        }
        int maxParallelism = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        for (Tuple2<RecommendationRequest, CandidateList[]> entry : checkpointedPending.get()) {
            String recId = entry.f0 != null ? entry.f0.recId() : entry.f1[0].recId();
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(recId, maxParallelism, parallelism) == subtask) {
                pending.put(recId, new PendingRecommendation(entry.f0, Arrays.asList(entry.f1)));
            }
        }
    }
}
