package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StlTest {

    /**
     * R 4.2: {@code stl(AirPassengers, s.window = 11, s.jump = 1, t.jump = 1, l.jump = 1)} (every point smoothed, as
     * here); rows 1, 2, 7, 72, 143, 144 of seasonal, trend, remainder.
     */
    @Test
    void agreesWithRsStlOnAirPassengers() {
        Stl.Decomposition parts = Stl.decompose(TestSeries.airPassengers(), 12, 11);
        int[] rows = {0, 1, 6, 71, 142, 143};
        double[][] expected = {
            {-16.996709, 123.179253, 5.817456},
            {-17.202344, 123.676958, 11.525386},
            {40.650169, 127.028373, -19.678542},
            {-28.437498, 258.498704, -1.061205},
            {-75.456060, 493.142810, -27.686750},
            {-44.067800, 496.609992, -20.542192},
        };
        for (int i = 0; i < rows.length; i++) {
            assertThat(parts.seasonal()[rows[i]]).isCloseTo(expected[i][0], within(1e-5));
            assertThat(parts.trend()[rows[i]]).isCloseTo(expected[i][1], within(1e-5));
            assertThat(parts.remainder()[rows[i]]).isCloseTo(expected[i][2], within(1e-5));
        }
    }

    /**
     * A quarterly season that grows with the level, as JohnsonJohnson's or UKgas's: R (forecast 8.20) gives it
     * seasonal strength 0.938 and one seasonal difference ({@code nsdiffs} 1). A classical decomposition, one fixed
     * pattern for all years, put the growth in the remainder and scored it 0.54, below the threshold.
     */
    @Test
    void aGrowingSeasonIsStrongAndDifferencedAsInR() {
        double[] y = growingQuarterlySeason();
        assertThat(SeasonalStrength.of(y, 4)).isCloseTo(0.938, within(0.005));
        assertThat(new AutoArima(4).fit(y).order().seasonalD()).isEqualTo(1);
    }

    @Test
    void noiseHasLittleSeasonalStrength() {
        double[] noise = TestSeries.simulate(21, 120, new double[0], new double[0], 0, 10);
        assertThat(SeasonalStrength.of(noise, 12)).isLessThan(SeasonalStrength.THRESHOLD);
    }

    /** 80 quarters: level growing 4.5% a quarter, factors 0.7, 1.0, 1.4, 0.9, 3% multiplicative noise. */
    private static double[] growingQuarterlySeason() {
        Random random = new Random(7);
        double[] factors = {0.7, 1.0, 1.4, 0.9};
        double[] y = new double[80];
        for (int t = 0; t < y.length; t++) {
            y[t] = 10 * Math.exp(0.045 * t) * factors[t % 4] * (1 + 0.03 * random.nextGaussian());
        }
        return y;
    }
}
