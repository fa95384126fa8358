package dev.funnelflow.ranking;

/**
 * The rows every model is test-run on before it serves ({@link OnnxRanker#load}): all zeros (a new user's first
 * view has many), typical values and high values. Features are recognised by name, as a card lists them:
 * {@code log1p}-scaled counts and times ({@code *_log*}) at log1p(10) and log1p(10,000), every other feature
 * (one-hots, shares, scores, hour on the unit circle) at 0.5 and 1. Every value is non-negative.
 */
final class ModelProbe {

    static final int ROWS = 3;
    /** What each row is, for the reason a model is refused. */
    static final String[] ROW_NAMES = {"all-zero features", "typical features", "high features"};

    private static final float[] LOG_SCALED = {0, (float) Math.log1p(10), (float) Math.log1p(10_000)};
    private static final float[] OTHER = {0, 0.5f, 1};

    private ModelProbe() {}

    /** {@link #ROWS} rows of {@code schema}'s features, row after row. */
    static float[] rows(FeatureSchema schema) {
        int features = schema.size();
        float[] rows = new float[ROWS * features];
        for (int row = 0; row < ROWS; row++) {
            for (int f = 0; f < features; f++) {
                rows[row * features + f] = (schema.names().get(f).contains("_log") ? LOG_SCALED : OTHER)[row];
            }
        }
        return rows;
    }
}
