package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Maximum likelihood recovers the parameters of simulated processes (n = 500: standard errors about 0.03–0.05). */
class ArimaEstimatorTest {

    private static final int N = 500;

    @Test
    void recoversAr1WithMean() {
        double[] y = TestSeries.simulate(1, N, new double[] {0.6}, new double[0], 0, 10);
        ArimaModel model = ArimaEstimator.fit(y, ArimaOrder.of(1, 0, 0, true));
        assertThat(model.ar()[0]).isCloseTo(0.6, within(0.08));
        assertThat(model.constant()).isCloseTo(10, within(0.3));
        assertThat(model.sigma2()).isCloseTo(1, within(0.15));
    }

    @Test
    void recoversMa1() {
        double[] y = TestSeries.simulate(2, N, new double[0], new double[] {0.5}, 0, 0);
        ArimaModel model = ArimaEstimator.fit(y, ArimaOrder.of(0, 0, 1, false));
        assertThat(model.ma()[0]).isCloseTo(0.5, within(0.08));
        assertThat(model.sigma2()).isCloseTo(1, within(0.15));
    }

    @Test
    void recoversArma11() {
        // φ and θ of one sign: well identified (with φ ≈ -θ the two nearly cancel and either can wander).
        double[] y = TestSeries.simulate(3, N, new double[] {0.5}, new double[] {0.4}, 0, 0);
        ArimaModel model = ArimaEstimator.fit(y, ArimaOrder.of(1, 0, 1, false));
        assertThat(model.ar()[0]).isCloseTo(0.5, within(0.12));
        assertThat(model.ma()[0]).isCloseTo(0.4, within(0.12));
    }

    @Test
    void recoversArima110() {
        double[] y = TestSeries.simulate(4, N, new double[] {0.5}, new double[0], 1, 100);
        ArimaModel model = ArimaEstimator.fit(y, ArimaOrder.of(1, 1, 0, false));
        assertThat(model.ar()[0]).isCloseTo(0.5, within(0.08));
        assertThat(model.observations()).isEqualTo(N - 1);
    }

    /**
     * The Box–Jenkins airline model on log AirPassengers (Box &amp; Jenkins 1976, §9.2): R's
     * {@code arima(log(AirPassengers), c(0,1,1), seasonal = c(0,1,1))} gives ma1 = -0.4018, sma1 = -0.5569,
     * σ² = 0.001348, log-likelihood 244.7, AIC -483.4.
     */
    @Test
    void reproducesTheAirlineModel() {
        double[] y = TestSeries.log(TestSeries.airPassengers());
        ArimaModel model = ArimaEstimator.fit(y, ArimaOrder.seasonal(0, 1, 1, 0, 1, 1, 12, false));
        assertThat(model.ma()[0]).isCloseTo(-0.40, within(0.01));
        assertThat(model.seasonalMa()[0]).isCloseTo(-0.56, within(0.01));
        // Our σ² is on the residual degrees of freedom (as forecast::Arima); stats::arima reports the ML value.
        assertThat(model.sigma2() * (131 - 2) / 131).isCloseTo(0.001348, within(0.00002));
        assertThat(model.logLikelihood()).isCloseTo(244.7, within(0.1));
        assertThat(model.aic()).isCloseTo(-483.4, within(0.2));
        assertThat(model.name()).isEqualTo("ARIMA(0,1,1)(0,1,1)[12]");
    }

    /** A model's coefficients give back the partial autocorrelations its fit ended at: the warm start's point. */
    @Test
    void aFittedModelGivesBackThePointItsFitEndedAt() {
        double[] y = TestSeries.log(TestSeries.airPassengers());
        ArimaOrder order = ArimaOrder.seasonal(2, 1, 1, 1, 1, 1, 12, false);
        ArimaEstimator.Fit fit = ArimaEstimator.fit(y, order, true, null);
        assertThat(ArimaEstimator.partials(fit.model())).containsExactly(fit.partials(), within(1e-9));
    }

    @Test
    void aNeighbourStartsFromTheLeadingPartialAutocorrelationsOfEachPolynomial() {
        ArimaOrder from = ArimaOrder.seasonal(2, 1, 1, 1, 1, 0, 12, false);
        ArimaOrder to = ArimaOrder.seasonal(1, 1, 2, 1, 1, 1, 12, false);
        double[] start = ArimaEstimator.startFrom(from, new double[] {0.5, -0.2, 0.3, 0.4}, to);
        assertThat(start).containsExactly(0.5, 0.3, 0, 0.4, 0);
    }

    /** Refitting from the optimum ends where the fit from white noise did. */
    @Test
    void aRefitFromThePreviousOptimumEndsAtTheSameFit() {
        double[] y = TestSeries.log(TestSeries.airPassengers());
        ArimaOrder order = ArimaOrder.seasonal(0, 1, 1, 0, 1, 1, 12, false);
        ArimaEstimator.Fit cold = ArimaEstimator.fit(y, order, true, null);
        ArimaEstimator.Fit warm = ArimaEstimator.fit(y, order, true, ArimaEstimator.partials(cold.model()));
        assertThat(warm.model().logLikelihood()).isCloseTo(cold.model().logLikelihood(), within(1e-6));
        assertThat(warm.model().ma()[0]).isCloseTo(cold.model().ma()[0], within(1e-3));
    }
}
