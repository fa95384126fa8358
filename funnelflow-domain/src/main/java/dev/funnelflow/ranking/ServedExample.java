package dev.funnelflow.ranking;

import dev.funnelflow.recs.RecommendationRequest;

/**
 * One scored candidate as it was served, waiting for its labels; or an organic example, the item a user viewed
 * without a recommender (variant {@value #ORGANIC}), which only a conversion model learns from: it was viewed by
 * definition, so its click label says nothing.
 *
 * @param exampleId {@code <rec_id>/<item_id>} ({@code <rec_id>/organic}): unique, and stable across replays and
 *     restarts
 * @param eventTime the request's event time, epoch ms
 * @param features the row the model scored, in {@link FeatureSchema#CURRENT}'s order
 * @param modelVersion null when no model scored it
 */
public record ServedExample(String exampleId, long eventTime, String userId, String itemId, float[] features,
        String variant, String modelVersion) {

    public static final String ORGANIC = "organic";

    /** The organic example of {@code request}'s viewed item, whose features are {@code row}. */
    public static ServedExample organic(RecommendationRequest request, float[] row) {
        return new ServedExample(request.recId() + "/" + ORGANIC, request.eventTime(), request.userId(),
                request.organic().itemId(), row, ORGANIC, null);
    }
}
