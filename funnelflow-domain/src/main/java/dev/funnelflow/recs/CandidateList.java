package dev.funnelflow.recs;

/**
 * One candidate list answering a request: a source's current top entries and the weight the request gave it.
 *
 * @param categoryConversion for a category's list, the category's smoothed conversion rate; NaN otherwise
 */
public record CandidateList(String recId, CandidateSource source, float weight, ScoredItems scored,
        double categoryConversion) {}
