package dev.funnelflow.ranking.offline;

import dev.funnelflow.ranking.OnnxRanker;
import java.util.List;

/** Scores logged examples through {@link OnnxRanker} in batches, as the job scores its candidates. */
public final class ExampleScorer {

    /** A request's candidates, or one micro-batch of several requests: the size the job runs models at. */
    public static final int BATCH_ROWS = 256;

    private ExampleScorer() {}

    /** P(label 1) for each example, in order. */
    public static double[] score(OnnxRanker ranker, List<LabeledExample> examples) {
        int features = ranker.featureCount();
        float[] batch = new float[BATCH_ROWS * features];
        double[] probabilities = new double[examples.size()];
        for (int start = 0; start < examples.size(); start += BATCH_ROWS) {
            int count = Math.min(BATCH_ROWS, examples.size() - start);
            for (int row = 0; row < count; row++) {
                System.arraycopy(examples.get(start + row).features(), 0, batch, row * features, features);
            }
            float[] scores = ranker.score(batch, count);
            for (int row = 0; row < count; row++) {
                probabilities[start + row] = scores[row];
            }
        }
        return probabilities;
    }

    public static boolean[] outcomes(List<LabeledExample> examples) {
        boolean[] positive = new boolean[examples.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = examples.get(i).positive();
        }
        return positive;
    }
}
