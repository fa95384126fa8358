package dev.funnelflow.ranking;

import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.RecommendationRequest;

/**
 * A recommendation request with its blended candidates, ready to be scored and cut to the final list.
 *
 * @param candidates best blended first
 * @param categoryConversion the trigger category's smoothed conversion rate ({@link CategoryStats})
 */
public record RankingRequest(RecommendationRequest request, BlendedCandidate[] candidates, double categoryConversion) {

    public int size() {
        return candidates.length;
    }

    /** The feature rows of all candidates, row after row, in {@link FeatureSchema#CURRENT}'s order. */
    public float[] featureRows() {
        int width = FeatureSchema.CURRENT.size();
        float[] rows = new float[candidates.length * width];
        for (int i = 0; i < candidates.length; i++) {
            FeatureExtractor.extract(featureInput(i), rows, i * width);
        }
        return rows;
    }

    /** The feature row of the request's organic item, null when it has none. */
    public float[] organicRow() {
        BlendedCandidate organic = request.organic();
        return organic == null ? null
                : FeatureExtractor.extract(new FeatureInput(request.user(), request.context(), categoryConversion, organic));
    }

    public FeatureInput featureInput(int candidate) {
        return new FeatureInput(request.user(), request.context(), categoryConversion, candidates[candidate]);
    }
}
