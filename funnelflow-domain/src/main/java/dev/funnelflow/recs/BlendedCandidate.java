package dev.funnelflow.recs;

/**
 * One item of a blended candidate list, with what ranking needs to know about it.
 *
 * @param categoryId null when unknown
 * @param price NaN when unknown
 * @param score the blended score (weighted sum over the lists that proposed it)
 * @param source the recommender that contributed most; null for an {@link #organic} item
 * @param sourceScores the contribution of each recommender, indexed by {@link CandidateSource#ordinal()}
 * @param rank 0 for the best blended candidate
 */
public record BlendedCandidate(String itemId, String categoryId, float price, double score, CandidateSource source,
        float[] sourceScores, int rank) {

    /** An item the user found without a recommender: no source, no scores, rank 0. */
    public static BlendedCandidate organic(String itemId, String categoryId, Double price) {
        return new BlendedCandidate(itemId, categoryId, price == null ? Float.NaN : price.floatValue(), 0, null,
                new float[CandidateSource.values().length], 0);
    }

    public float sourceScore(CandidateSource of) {
        return sourceScores[of.ordinal()];
    }
}
