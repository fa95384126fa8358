package dev.funnelflow.demand;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Forecasts for series too short to identify an ARIMA model: the mean, naive and drift methods (Hyndman &amp;
 * Athanasopoulos, FPP3 §5.2). Unlike a plain ARIMA forecast, their intervals count the uncertainty of the estimated
 * mean or drift and use Student-t quantiles, as R's {@code meanf} does: with a handful of points that uncertainty is
 * most of the story.
 */
final class ShortHistory {

    /** Fewest points anything is forecast from: one more than it takes to estimate a variance. */
    static final int MIN_POINTS = 2;
    /** Below this the KPSS test says little, and the mean is the safer guess. */
    private static final int MIN_POINTS_FOR_UNIT_ROOT_TEST = 8;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private ShortHistory() {}

    /** The mean when the series looks level-stationary (or is very short), else naive or drift by AICc. */
    static ArimaModel fit(double[] y) {
        requireLength(y, MIN_POINTS);
        if (y.length < MIN_POINTS_FOR_UNIT_ROOT_TEST || Kpss.differences(y, 1) == 0) {
            return mean(y);
        }
        ArimaModel naive = naive(y);
        ArimaModel drift = drift(y);
        return drift.aicc() < naive.aicc() ? drift : naive;
    }

    static ArimaModel mean(double[] y) {
        requireLength(y, MIN_POINTS);
        int n = y.length;
        double mean = ArimaLikelihood.average(y);
        double sumSquares = sumOfSquares(y, mean);
        return model(ModelKind.MEAN, ArimaOrder.of(0, 0, 0, true), mean, sumSquares / (n - 1),
                logLikelihood(sumSquares, n), n);
    }

    static ArimaModel naive(double[] y) {
        requireLength(y, MIN_POINTS);
        double[] diffs = differences(y);
        double sumSquares = sumOfSquares(diffs, 0);
        return model(ModelKind.NAIVE, ArimaOrder.of(0, 1, 0, false), 0, sumSquares / diffs.length,
                logLikelihood(sumSquares, diffs.length), y.length);
    }

    static ArimaModel drift(double[] y) {
        requireLength(y, 3);
        double[] diffs = differences(y);
        double drift = ArimaLikelihood.average(diffs);
        double sumSquares = sumOfSquares(diffs, drift);
        return model(ModelKind.DRIFT, ArimaOrder.of(0, 1, 0, true), drift, sumSquares / (diffs.length - 1),
                logLikelihood(sumSquares, diffs.length), y.length);
    }

    /** Forecasts after {@code y} (the series the model was fitted on). */
    static Forecast forecast(ArimaModel model, double[] y, int horizon) {
        int n = model.fittedPoints();
        double last = y[y.length - 1];
        double[] mean = new double[horizon];
        double[] standardError = new double[horizon];
        double sigma2 = model.sigma2();
        for (int i = 0; i < horizon; i++) {
            int h = i + 1;
            switch (model.kind()) {
                case MEAN -> {
                    mean[i] = model.constant();
                    standardError[i] = Math.sqrt(sigma2 * (1 + 1.0 / n));
                }
                case NAIVE -> {
                    mean[i] = last;
                    standardError[i] = Math.sqrt(sigma2 * h);
                }
                case DRIFT -> {
                    mean[i] = last + h * model.constant();
                    standardError[i] = Math.sqrt(sigma2 * h * (1 + (double) h / (n - 1)));
                }
                default -> throw new IllegalArgumentException("not a short-history model: " + model.name());
            }
        }
        int degreesOfFreedom = model.kind() == ModelKind.DRIFT ? n - 2 : n - 1;
        TDistribution t = new TDistribution(degreesOfFreedom);
        return Forecast.of(mean, standardError, t.inverseCumulativeProbability(0.90),
                t.inverseCumulativeProbability(0.975));
    }

    private static ArimaModel model(ModelKind kind, ArimaOrder order, double constant, double sigma2,
            double logLikelihood, int points) {
        double[] none = new double[0];
        return new ArimaModel(kind, order, none, none, none, none, constant, sigma2, logLikelihood, points);
    }

    /** Gaussian log-likelihood at the maximum-likelihood variance {@code sumSquares / n}. */
    private static double logLikelihood(double sumSquares, int n) {
        return -0.5 * n * (LOG_2PI + Math.log(sumSquares / n) + 1);
    }

    private static double[] differences(double[] y) {
        return LagPolynomials.difference(y, new double[] {1});
    }

    private static double sumOfSquares(double[] values, double centre) {
        double sum = 0;
        for (double value : values) {
            sum += (value - centre) * (value - centre);
        }
        return sum;
    }

    private static void requireLength(double[] y, int min) {
        if (y.length < min) {
            throw new IllegalArgumentException("need at least " + min + " observations, got " + y.length);
        }
    }
}
