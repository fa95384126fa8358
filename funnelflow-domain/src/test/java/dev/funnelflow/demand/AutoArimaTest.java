package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoArimaTest {

    /** R: {@code auto.arima(log(AirPassengers))} selects the airline model. */
    @Test
    void selectsTheAirlineModelForLogAirPassengers() {
        ArimaModel model = new AutoArima(12).fit(TestSeries.log(TestSeries.airPassengers()));
        assertThat(model.name()).isEqualTo("ARIMA(0,1,1)(0,1,1)[12]");
        assertThat(model.ma()[0]).isCloseTo(-0.40, within(0.01));
        assertThat(model.seasonalMa()[0]).isCloseTo(-0.56, within(0.01));
    }

    /**
     * R (forecast 8.x): {@code auto.arima(AirPassengers)} is ARIMA(2,1,1)(0,1,0)[12], AICc 1018.17, σ² 132.3, and
     * its forecast for January 1961 is 445.63 with 80% interval [430.89, 460.38] and 95% [423.09, 468.18].
     */
    @Test
    void agreesWithRForRawAirPassengers() {
        double[] y = TestSeries.airPassengers();
        ArimaModel model = new AutoArima(12).fit(y);
        assertThat(model.name()).isEqualTo("ARIMA(2,1,1)(0,1,0)[12]");
        assertThat(model.aicc()).isCloseTo(1018.17, within(0.1));
        assertThat(model.sigma2()).isCloseTo(132.3, within(0.1));
        Forecast january = model.forecast(y, 1);
        assertThat(january.mean()[0]).isCloseTo(445.63, within(0.01));
        assertThat(january.lo80()[0]).isCloseTo(430.89, within(0.01));
        assertThat(january.hi80()[0]).isCloseTo(460.38, within(0.01));
        assertThat(january.lo95()[0]).isCloseTo(423.09, within(0.01));
        assertThat(january.hi95()[0]).isCloseTo(468.18, within(0.01));
    }

    /**
     * A re-selection a year later starts from the model chosen then: the airline model stays best, its neighbours are
     * the only other fits, and the result is the full search's.
     */
    @Test
    void aReselectionStartsFromThePreviousModelAndStopsWhenItStaysBest() {
        double[] y = TestSeries.log(TestSeries.airPassengers());
        AutoArima selection = new AutoArima(12);
        ArimaModel previous = selection.fit(Arrays.copyOf(y, y.length - 12));
        assertThat(previous.name()).isEqualTo("ARIMA(0,1,1)(0,1,1)[12]");

        AutoArima.Selection warm = selection.select(y, previous);
        AutoArima.Selection cold = selection.select(y, null);
        assertThat(warm.model().name()).isEqualTo(cold.model().name()).isEqualTo("ARIMA(0,1,1)(0,1,1)[12]");
        assertThat(warm.model().aicc()).isCloseTo(cold.model().aicc(), within(1e-4));
        assertThat(warm.model().ma()[0]).isCloseTo(cold.model().ma()[0], within(1e-3));
        // The previous order and its ten neighbours (five seasonal, five regular moves stay within the limits).
        assertThat(warm.fits()).isEqualTo(11);
        assertThat(cold.fits()).isGreaterThan(warm.fits());
    }

    /** A previous model whose differencing the series no longer takes is no place to start: the full search runs. */
    @Test
    void aPreviousModelWithOtherDifferencingStartsTheFullSearch() {
        double[] y = TestSeries.log(TestSeries.airPassengers());
        AutoArima selection = new AutoArima(12);
        ArimaModel undifferenced = ArimaEstimator.fit(y, ArimaOrder.of(1, 0, 0, true));

        AutoArima.Selection fromIt = selection.select(y, undifferenced);
        AutoArima.Selection cold = selection.select(y, null);
        assertThat(fromIt.model().name()).isEqualTo(cold.model().name());
        assertThat(fromIt.model().aicc()).isEqualTo(cold.model().aicc());
        assertThat(fromIt.fits()).isEqualTo(cold.fits());
    }

    @Test
    void differencesARandomWalkButNotWhiteNoise() {
        double[] walk = TestSeries.simulate(11, 200, new double[0], new double[0], 1, 50);
        double[] noise = TestSeries.simulate(12, 200, new double[0], new double[0], 0, 50);
        assertThat(new AutoArima(1).fit(walk).order().d()).isEqualTo(1);
        assertThat(new AutoArima(1).fit(noise).order().d()).isZero();
    }

    /**
     * Two and a half days of an hourly series with a strong daily cycle: R (forecast 8.20) takes a seasonal
     * difference from two full seasons, choosing ARIMA(0,0,0)(0,1,0)[24] here, whose next day misses the true cycle by
     * 2.63 on average. Requiring three seasons, we fitted ARIMA(1,0,0) with a mean and missed by 12.3.
     */
    @Test
    void takesASeasonalDifferenceFromTwoFullSeasonsAsR() {
        Random random = new Random(3);
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = dailyCycle(t) + 3 * random.nextGaussian();
        }
        ArimaModel model = new AutoArima(24).fit(y);
        assertThat(model.name()).isEqualTo("ARIMA(0,0,0)(0,1,0)[24]");
        Forecast nextDay = model.forecast(y, 24);
        double error = 0;
        for (int h = 0; h < 24; h++) {
            error += Math.abs(nextDay.mean()[h] - dailyCycle(y.length + h)) / 24;
        }
        assertThat(error).isCloseTo(2.63, within(0.01));
    }

    private static double dailyCycle(int hour) {
        return 50 + 20 * Math.sin(2 * Math.PI * hour / 24);
    }

    @Test
    void shortHistoriesGetASimpleMethodThatSaysSo() {
        ArimaModel fewPoints = new AutoArima(24).fit(new double[] {3, 5, 4, 6});
        assertThat(fewPoints.kind()).isEqualTo(ModelKind.MEAN);
        assertThat(fewPoints.name()).isEqualTo("mean (short history)");
        assertThat(fewPoints.params()).containsOnlyKeys("mean", "sigma2");

        double[] trend = new double[15];
        Random random = new Random(5);
        for (int t = 0; t < trend.length; t++) {
            trend[t] = 10 + 3 * t + random.nextGaussian();
        }
        ArimaModel trending = new AutoArima(24).fit(trend);
        assertThat(trending.kind()).isEqualTo(ModelKind.DRIFT);
        assertThat(trending.constant()).isCloseTo(3, within(0.5));
        Forecast forecast = trending.forecast(trend, 3);
        assertThat(forecast.mean()[2]).isCloseTo(trend[14] + 3 * trending.constant(), within(1e-9));
        assertThat(forecast.hi95()[2] - forecast.hi80()[2]).isPositive();
    }

    @Test
    void aConstantSeriesForecastsItselfWithoutSpread() {
        double[] zeros = new double[50];
        ArimaModel model = new AutoArima(24).fit(zeros);
        Forecast forecast = model.forecast(zeros, 4);
        assertThat(forecast.mean()).containsOnly(0.0);
        assertThat(forecast.lo95()).containsOnly(0.0);
        assertThat(forecast.hi95()).containsOnly(0.0);
    }
}
