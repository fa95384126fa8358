package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArimaTrackerTest {

    private static ArimaModel model(ArimaOrder order, double[] ar, double[] ma, double constant, double sigma2) {
        double[] none = new double[0];
        return new ArimaModel(ModelKind.ARIMA, order, ar, ma, none, none, constant, sigma2, 0, 100);
    }

    @Test
    void kalmanUpdatesEqualFilteringTheWholeSeriesAgain() {
        double[] y = TestSeries.log(TestSeries.airPassengers());
        double[] first = Arrays.copyOf(y, 120);
        ArimaModel model = ArimaEstimator.fit(first, ArimaOrder.seasonal(0, 1, 1, 0, 1, 1, 12, false));

        ArimaTracker tracker = ArimaTracker.start(model, first);
        for (int t = 120; t < 132; t++) {
            tracker.observe(y[t]);
        }
        // Resume from a snapshot half-way, as after a Flink restore.
        ArimaTracker resumed = ArimaTracker.resume(model, tracker.state());
        for (int t = 132; t < y.length; t++) {
            tracker.observe(y[t]);
            resumed.observe(y[t]);
        }
        Forecast updated = tracker.forecast(12);
        Forecast recomputed = ArimaTracker.start(model, y).forecast(12);
        Forecast fromSnapshot = resumed.forecast(12);
        for (Forecast other : new Forecast[] {recomputed, fromSnapshot}) {
            for (int h = 0; h < 12; h++) {
                assertThat(updated.mean()[h]).isCloseTo(other.mean()[h], within(1e-9));
                assertThat(updated.lo95()[h]).isCloseTo(other.lo95()[h], within(1e-9));
                assertThat(updated.hi80()[h]).isCloseTo(other.hi80()[h], within(1e-9));
            }
        }
        assertThat(tracker.observed()).isEqualTo(24);
    }

    /** AR(1) around a mean: mean μ + φ^h (y_n - μ), variance σ²(1 - φ^2h)/(1 - φ²) (Box &amp; Jenkins 1976, §5.2). */
    @Test
    void ar1ForecastsMatchTheTextbookFormulas() {
        double phi = 0.7;
        double sigma2 = 2;
        ArimaModel model = model(ArimaOrder.of(1, 0, 0, true), new double[] {phi}, new double[0], 10, sigma2);
        double[] y = TestSeries.simulate(21, 200, new double[] {phi}, new double[0], 0, 10);
        Forecast forecast = model.forecast(y, 5);
        for (int h = 1; h <= 5; h++) {
            double mean = 10 + Math.pow(phi, h) * (y[y.length - 1] - 10);
            double sd = Math.sqrt(sigma2 * (1 - Math.pow(phi, 2 * h)) / (1 - phi * phi));
            assertThat(forecast.mean()[h - 1]).isCloseTo(mean, within(1e-9));
            assertThat(forecast.hi95()[h - 1] - mean).isCloseTo(1.959964 * sd, within(1e-5));
            assertThat(mean - forecast.lo80()[h - 1]).isCloseTo(1.281552 * sd, within(1e-5));
        }
    }

    /** A random walk with drift: mean y_n + h·c, variance h σ². */
    @Test
    void randomWalkWithDriftIntegratesTheDifferences() {
        ArimaModel model = model(ArimaOrder.of(0, 1, 0, true), new double[0], new double[0], 0.5, 3);
        double[] y = {1, 2, 4, 3, 5};
        Forecast forecast = model.forecast(y, 4);
        for (int h = 1; h <= 4; h++) {
            assertThat(forecast.mean()[h - 1]).isCloseTo(5 + 0.5 * h, within(1e-12));
            assertThat(forecast.hi95()[h - 1] - forecast.mean()[h - 1])
                    .isCloseTo(1.959964 * Math.sqrt(3 * h), within(1e-5));
        }
    }

    @Test
    void noticesWhenOneStepErrorsDrift() {
        ArimaModel model = model(ArimaOrder.of(1, 0, 0, true), new double[] {0.5}, new double[0], 10, 1);
        double[] y = TestSeries.simulate(31, 300, new double[] {0.5}, new double[0], 0, 10);
        ArimaTracker calm = ArimaTracker.start(model, Arrays.copyOf(y, 100));
        ArimaTracker shifted = ArimaTracker.start(model, Arrays.copyOf(y, 100));
        boolean falseAlarm = false;
        boolean noticed = false;
        for (int t = 100; t < 300; t++) {
            calm.observe(y[t]);
            falseAlarm |= calm.drifting(4);
            shifted.observe(y[t] + (t >= 200 ? 3 : 0)); // the level moves by 3σ at t = 200
            noticed |= t < 200 ? shifted.drifting(4) : false;
        }
        assertThat(falseAlarm).isFalse();
        assertThat(noticed).isFalse();
        assertThat(shifted.drifting(4)).isTrue();
    }
}
