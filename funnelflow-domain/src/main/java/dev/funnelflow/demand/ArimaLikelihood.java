package dev.funnelflow.demand;

/**
 * Gaussian log-likelihood of a differenced series {@code w} under a stationary ARMA model with an optional mean.
 * σ² and the mean are concentrated out (profiled), so an optimiser searches only over the ARMA coefficients.
 */
final class ArimaLikelihood {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private ArimaLikelihood() {}

    /** The maximised log-likelihood and the σ² and mean that attain it for fixed ARMA coefficients. */
    record Result(double logLikelihood, double sigma2, double mean) {}

    /**
     * Exact likelihood by the Kalman filter from the stationary state distribution (prediction-error
     * decomposition: Harvey 1989, §3.4; Durbin &amp; Koopman 2012, §7.2). The mean is a regression effect: the
     * innovations are linear in it, so filtering a column of ones alongside the data gives its GLS estimate
     * (Durbin &amp; Koopman 2012, §6.2.2). The filter runs in Chandrasekhar form from the first column of the
     * stationary covariance ({@link ChandrasekharFilter}): O(p³ + n·r) per evaluation, where the Riccati recursion
     * from a doubled stationary covariance took O(r³ log) + O(n·r²), seconds per fit for seasonal AR at period 24.
     */
    static Result exact(double[] w, double[] phi, double[] theta, boolean withMean) {
        int n = w.length;
        // Centring first keeps the mean's regression well conditioned when the level is far from zero.
        double centre = withMean ? average(w) : 0;
        ChandrasekharFilter filter = ChandrasekharFilter.stationary(phi, theta);
        double[] state = new double[filter.dimension()];
        double[] meanState = withMean ? new double[filter.dimension()] : null;
        double sumLogF = 0;
        double s00 = 0;
        double s01 = 0;
        double s11 = 0;
        for (int t = 0; t < n; t++) {
            double f = filter.predictionVariance();
            double v0 = w[t] - centre - state[0];
            filter.advanceState(state, v0);
            if (withMean) {
                double v1 = 1 - meanState[0];
                filter.advanceState(meanState, v1);
                s01 += v0 * v1 / f;
                s11 += v1 * v1 / f;
            }
            s00 += v0 * v0 / f;
            sumLogF += Math.log(f);
            filter.advanceCovariance();
        }
        double shift = withMean ? s01 / s11 : 0;
        double sumSquares = Math.max(0, withMean ? s00 - s01 * shift : s00);
        double sigma2 = sumSquares / n;
        return new Result(-0.5 * (n * (LOG_2PI + Math.log(sigma2) + 1) + sumLogF), sigma2, centre + shift);
    }

    /**
     * Conditional sum of squares (Box &amp; Jenkins 1976, §7.1): residuals from the recursion started at zero, the
     * sample mean as the mean. Cheap (no state covariance), so the stepwise search uses it on long or long-period
     * series and the chosen model is refitted exactly, as R's {@code auto.arima} does. Seasonal polynomials are
     * mostly zeros (ARIMA(2,0,0)(2,0,0)[24] has 6 non-zero lags of 50), so the recursion visits the non-zero lags
     * only; skipping exact zeros leaves every sum as it was.
     */
    static Result conditional(double[] w, double[] phi, double[] theta, boolean withMean) {
        int n = w.length;
        double mean = withMean ? average(w) : 0;
        double[] centred = new double[n];
        for (int t = 0; t < n; t++) {
            centred[t] = w[t] - mean;
        }
        int[] arLags = nonZeroLags(phi);
        int[] maLags = nonZeroLags(theta);
        double[] residuals = new double[n];
        double sumSquares = 0;
        for (int t = phi.length; t < n; t++) {
            double e = centred[t];
            for (int lag : arLags) {
                e -= phi[lag - 1] * centred[t - lag];
            }
            for (int lag : maLags) {
                if (lag > t) {
                    break;
                }
                e -= theta[lag - 1] * residuals[t - lag];
            }
            residuals[t] = e;
            sumSquares += e * e;
        }
        double sigma2 = sumSquares / (n - phi.length);
        return new Result(-0.5 * n * (LOG_2PI + Math.log(sigma2) + 1), sigma2, mean);
    }

    /** The lags (1-based, ascending) whose coefficient is not zero. */
    private static int[] nonZeroLags(double[] coefficients) {
        int count = 0;
        for (double coefficient : coefficients) {
            if (coefficient != 0) {
                count++;
            }
        }
        int[] lags = new int[count];
        int at = 0;
        for (int i = 0; i < coefficients.length; i++) {
            if (coefficients[i] != 0) {
                lags[at++] = i + 1;
            }
        }
        return lags;
    }

    static double average(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
