package dev.funnelflow.ranking;

/**
 * One scored candidate as it was served, waiting for its labels.
 *
 * @param exampleId {@code <rec_id>/<item_id>}: unique, and stable across replays and restarts
 * @param eventTime the request's event time, epoch ms
 * @param features the row the model scored, in {@link FeatureSchema#CURRENT}'s order
 * @param modelVersion null when no model scored it
 */
public record ServedExample(String exampleId, long eventTime, String userId, String itemId, float[] features,
        String variant, String modelVersion) {}
