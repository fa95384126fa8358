package dev.funnelflow.ranking.offline;

import dev.funnelflow.ranking.ModelCard;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Quality of predicted probabilities against binary outcomes: ROC AUC, log loss and reliability bins. */
public final class BinaryMetrics {

    /**
     * Probabilities are clipped to {@code [EPSILON, 1 - EPSILON]} in log loss: float32 models can output exactly
     * 0 or 1, and one such confident miss would make the loss infinite.
     */
    public static final double EPSILON = 1e-7;

    private BinaryMetrics() {}

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random negative, ties
     * counting half (the Mann-Whitney U statistic with mid-ranks). NaN when either class is absent.
     */
    public static double auc(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && scores[order[end]] == scores[order[start]]) {
                end++;
            }
            double midRank = (start + 1 + end) / 2.0; // ranks start + 1 .. end share their mean
            for (int i = start; i < end; i++) {
                if (positive[order[i]]) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** AUC and log loss together, as model cards and {@code eval model} report them. */
    public static ModelCard.Score score(double[] probabilities, boolean[] positive) {
        return new ModelCard.Score(probabilities.length, auc(probabilities, positive), logLoss(probabilities, positive));
    }

    /** Mean negative log-likelihood (natural log); NaN for no examples. */
    public static double logLoss(double[] probabilities, boolean[] positive) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]));
            sum -= positive[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / probabilities.length;
    }

    /**
     * Reliability diagram in {@code bins} equal-width bins of predicted probability (empty bins left out), and the
     * expected calibration error: the example-weighted mean gap between predicted and observed rates.
     */
    public static ModelCard.Calibration calibration(double[] probabilities, boolean[] positive, int bins) {
        long[] counts = new long[bins];
        double[] predicted = new double[bins];
        long[] observed = new long[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int bin = Math.min(bins - 1, (int) (probabilities[i] * bins));
            counts[bin]++;
            predicted[bin] += probabilities[i];
            observed[bin] += positive[i] ? 1 : 0;
        }
        List<ModelCard.Bin> result = new ArrayList<>();
        double error = 0;
        for (int bin = 0; bin < bins; bin++) {
            if (counts[bin] == 0) {
                continue;
            }
            double meanPredicted = predicted[bin] / counts[bin];
            double observedRate = (double) observed[bin] / counts[bin];
            result.add(new ModelCard.Bin((double) bin / bins, (double) (bin + 1) / bins, counts[bin], meanPredicted,
                    observedRate));
            error += counts[bin] * Math.abs(meanPredicted - observedRate);
        }
        return new ModelCard.Calibration(error / probabilities.length, result);
    }
}
