package dev.funnelflow.ranking;

import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.RecommendedItem;

/**
 * How the candidate generator rated an item: its blended score and the recommender that contributed most.
 *
 * @param source null for organic examples (an item the user browsed by themselves, not a candidate)
 */
public record CandidateScore(double score, CandidateSource source) {

    /** An interaction no recommender proposed: score 0, no source. */
    public static final CandidateScore ORGANIC = new CandidateScore(0, null);

    public static CandidateScore of(RecommendedItem item) {
        return new CandidateScore(item.score(), CandidateSource.ofLabel(item.source()));
    }
}
