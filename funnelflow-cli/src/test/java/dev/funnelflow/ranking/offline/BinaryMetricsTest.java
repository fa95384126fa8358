package dev.funnelflow.ranking.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.ranking.ModelCard;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void aucCountsOrderedPairsAndTiesHalf() {
        boolean[] outcomes = {true, false, true, false};

        assertThat(BinaryMetrics.auc(new double[] {0.9, 0.6, 0.6, 0.2}, outcomes)).isEqualTo(0.875);
        assertThat(BinaryMetrics.auc(new double[] {0.9, 0.1, 0.8, 0.2}, outcomes)).isEqualTo(1.0);
        assertThat(BinaryMetrics.auc(new double[] {0.1, 0.9, 0.2, 0.8}, outcomes)).isEqualTo(0.0);
        assertThat(BinaryMetrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, outcomes)).isEqualTo(0.5);
        // Positives at 0.7 and 0.3, negatives at 0.5, 0.3, 0.1: pairs 1 + 1 + 1 + 0 + 0.5 + 1 = 4.5 of 6.
        assertThat(BinaryMetrics.auc(new double[] {0.7, 0.5, 0.3, 0.3, 0.1},
                new boolean[] {true, false, true, false, false})).isEqualTo(0.75);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(BinaryMetrics.auc(new double[] {0.2, 0.4}, new boolean[] {true, true})).isNaN();
    }

    @Test
    void logLossIsTheMeanNegativeLogLikelihoodWithClipping() {
        assertThat(BinaryMetrics.logLoss(new double[] {0.9, 0.6, 0.6, 0.2}, new boolean[] {true, false, true, false}))
                .isCloseTo(-(Math.log(0.9) + Math.log(0.4) + Math.log(0.6) + Math.log(0.8)) / 4, within(1e-12));
        assertThat(BinaryMetrics.logLoss(new double[] {0.0}, new boolean[] {true}))
                .isCloseTo(-Math.log(BinaryMetrics.EPSILON), within(1e-9));
    }

    @Test
    void calibrationBinsPredictionsAndWeighsTheirGaps() {
        double[] predicted = {0.05, 0.15, 0.12, 0.95, 1.0};
        boolean[] outcomes = {false, true, false, true, true};

        ModelCard.Calibration calibration = BinaryMetrics.calibration(predicted, outcomes, 10);

        assertThat(calibration.bins()).extracting(ModelCard.Bin::lower).containsExactly(0.0, 0.1, 0.9);
        ModelCard.Bin second = calibration.bins().get(1);
        assertThat(second.n()).isEqualTo(2);
        assertThat(second.meanPredicted()).isCloseTo(0.135, within(1e-12));
        assertThat(second.observedRate()).isEqualTo(0.5);
        assertThat(calibration.bins().get(2).n()).isEqualTo(2); // 1.0 falls in the last bin
        // (1 * 0.05 + 2 * 0.365 + 2 * 0.025) / 5
        assertThat(calibration.expectedCalibrationError()).isCloseTo(0.166, within(1e-12));
    }
}
