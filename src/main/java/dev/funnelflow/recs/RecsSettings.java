package dev.funnelflow.recs;

import java.io.Serializable;

/**
 * Tuning of the session-aware co-visitation recommender.
 *
 * @param k items per recommendation list
 * @param neighbourCapacity neighbours kept per item
 * @param neighboursReturned neighbours of one item sent to a request
 * @param popularCapacity items kept per popularity list (per category and shop-wide)
 * @param halfLifeMillis how fast co-visitation and popularity fade
 * @param backwardWeight weight of "A viewed after B" towards B's neighbours, relative to "B after A" (1)
 * @param popularityWeight weight of the category popularity list against the trigger item's neighbours (1);
 *     small, so popularity fills a list and breaks ties but never outranks co-visitation evidence
 */
public record RecsSettings(
        int k,
        int neighbourCapacity,
        int neighboursReturned,
        int popularCapacity,
        long halfLifeMillis,
        float backwardWeight,
        float popularityWeight) implements Serializable {

    public RecsSettings {
        if (k < 1 || neighbourCapacity < 1 || neighboursReturned < 1 || popularCapacity < 1 || halfLifeMillis <= 0
                || backwardWeight < 0 || popularityWeight < 0) {
            throw new IllegalArgumentException("invalid recommender settings: " + this);
        }
    }

    public int capacity(CandidateSource source) {
        return source == CandidateSource.COVISITATION ? neighbourCapacity : popularCapacity;
    }

    public int returned(CandidateSource source) {
        return source == CandidateSource.COVISITATION ? neighboursReturned : k;
    }
}
