package dev.funnelflow.recs;

import java.util.ArrayList;
import java.util.List;

/**
 * A recommendation being assembled: its request (once arrived) and the candidate lists gathered so far, which
 * may arrive before the request. Complete when {@code expectedLists} lists are in.
 */
public final class PendingRecommendation {

    private RecommendationRequest request;
    private final List<CandidateList> lists = new ArrayList<>(8);

    public PendingRecommendation() {}

    public PendingRecommendation(RecommendationRequest request, List<CandidateList> lists) {
        this.request = request;
        this.lists.addAll(lists);
    }

    public void setRequest(RecommendationRequest request) {
        this.request = request;
    }

    public void add(CandidateList list) {
        lists.add(list);
    }

    public RecommendationRequest request() {
        return request;
    }

    public List<CandidateList> lists() {
        return lists;
    }

    public boolean isComplete() {
        return request != null && lists.size() >= request.expectedLists();
    }
}
