package dev.funnelflow.recs;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Tuning of the session-aware co-visitation recommender.
 *
 * @param k items per recommendation list
 * @param neighbourCapacity neighbours kept per item
 * @param neighboursReturned neighbours of the viewed item sent to a request (older session items send fewer)
 * @param popularCapacity items kept per popularity list (per category and shop-wide)
 * @param halfLifeMillis how fast co-visitation and popularity fade
 * @param backwardWeight weight of "A viewed after B" towards B's neighbours, relative to "B after A" (1)
 * @param popularityWeight weight of the category popularity list against the trigger item's neighbours (1);
 *     small, so popularity fills a list and breaks ties but never outranks co-visitation evidence
 * @param sources the recommenders used; fewer make baselines (e.g. popularity alone)
 * @param popularitySampleRate share of events that update popularity lists (each counting 1/rate): popularity
 *     keys are few and hot, and a sample ranks the head of a catalogue as well as every event does
 * @param popularityRefreshMillis how much event time a popularity list read may be reused for
 */
public record RecsSettings(
        int k,
        int neighbourCapacity,
        int neighboursReturned,
        int popularCapacity,
        long halfLifeMillis,
        float backwardWeight,
        float popularityWeight,
        Set<CandidateSource> sources,
        float popularitySampleRate,
        long popularityRefreshMillis) implements Serializable {

    private static final List<CandidateSource> CATEGORY_AND_SHOP =
            List.of(CandidateSource.CATEGORY_POPULAR, CandidateSource.POPULAR);
    private static final List<CandidateSource> CATEGORY_ONLY = List.of(CandidateSource.CATEGORY_POPULAR);
    private static final List<CandidateSource> SHOP_ONLY = List.of(CandidateSource.POPULAR);
    private static final List<CandidateSource> NO_POPULARITY = List.of();

    public RecsSettings {
        if (k < 1 || neighbourCapacity < 1 || neighboursReturned < 1 || popularCapacity < 1 || halfLifeMillis <= 0
                || backwardWeight < 0 || popularityWeight < 0 || sources.isEmpty()
                || popularitySampleRate <= 0 || popularitySampleRate > 1 || popularityRefreshMillis < 0) {
            throw new IllegalArgumentException("invalid recommender settings: " + this);
        }
        sources = Collections.unmodifiableSet(EnumSet.copyOf(sources));
    }

    public boolean uses(CandidateSource source) {
        return sources.contains(source);
    }

    /**
     * The popularity lists a request for an item of {@code category} (null when unknown) is answered with, and that a
     * sampled event of such an item teaches: its category's and the shop's, those of them in use.
     */
    public List<CandidateSource> popularSources(String category) {
        // Asked several times per view: one of four constant lists, nothing allocated.
        boolean byCategory = category != null && uses(CandidateSource.CATEGORY_POPULAR);
        boolean shop = uses(CandidateSource.POPULAR);
        return byCategory ? (shop ? CATEGORY_AND_SHOP : CATEGORY_ONLY) : (shop ? SHOP_ONLY : NO_POPULARITY);
    }

    /** A popularity list's weight in a request's blend; the shop's fills lists only where the category's cannot. */
    public float lookupWeight(CandidateSource popular) {
        return popular == CandidateSource.POPULAR ? popularityWeight / 10 : popularityWeight;
    }

    /**
     * Neighbours one lookup sends, in proportion to its weight: the trigger's 1 gets {@code neighboursReturned}, an
     * older session item's 1/(i+2) a share of that.
     */
    public int neighboursFor(float lookupWeight) {
        return Math.max(1, (int) Math.ceil(neighboursReturned * Math.min(1f, lookupWeight)));
    }
}
