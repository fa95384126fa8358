package dev.funnelflow.ranking;

/**
 * Computes feature rows of {@link FeatureSchema#CURRENT}: the one code path behind both the vectors the job
 * scores and the vectors it logs to {@code training-examples}, so training never sees features serving did not.
 */
public final class FeatureExtractor {

    private static final Feature[] FEATURES = Feature.values();

    private FeatureExtractor() {}

    /** Writes one row into {@code row[offset .. offset + size)}: lets a batch fill one array without copies. */
    public static void extract(FeatureInput input, float[] row, int offset) {
        for (int i = 0; i < FEATURES.length; i++) {
            row[offset + i] = (float) FEATURES[i].compute(input);
        }
    }

    public static float[] extract(FeatureInput input) {
        float[] row = new float[FEATURES.length];
        extract(input, row, 0);
        return row;
    }
}
