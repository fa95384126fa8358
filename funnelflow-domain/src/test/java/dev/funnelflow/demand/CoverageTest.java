package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Prediction intervals of estimated models cover simulated futures about as often as they claim. */
class CoverageTest {

    private static final int SERIES = 200;
    private static final int N = 150;
    private static final int H = 10;

    @Test
    void ar1WithMean() {
        assertCoverage(ArimaOrder.of(1, 0, 0, true), new double[] {0.6}, new double[0], 0, 100);
    }

    @Test
    void integratedMa1() {
        assertCoverage(ArimaOrder.of(0, 1, 1, false), new double[0], new double[] {-0.4}, 1, 200);
    }

    private static void assertCoverage(ArimaOrder order, double[] ar, double[] ma, int d, long seed) {
        int inside80 = 0;
        int inside95 = 0;
        for (int s = 0; s < SERIES; s++) {
            double[] y = TestSeries.simulate(seed + s, N + H, ar, ma, d, 20);
            double[] history = Arrays.copyOf(y, N);
            Forecast forecast = ArimaEstimator.fit(history, order).forecast(history, H);
            for (int h = 0; h < H; h++) {
                double actual = y[N + h];
                inside80 += forecast.lo80()[h] <= actual && actual <= forecast.hi80()[h] ? 1 : 0;
                inside95 += forecast.lo95()[h] <= actual && actual <= forecast.hi95()[h] ? 1 : 0;
            }
        }
        double total = SERIES * H;
        // Plug-in intervals ignore parameter uncertainty, so they run a little short; with n = 150 by about 1%.
        assertThat(inside95 / total).isBetween(0.92, 0.97);
        assertThat(inside80 / total).isBetween(0.75, 0.84);
    }
}
