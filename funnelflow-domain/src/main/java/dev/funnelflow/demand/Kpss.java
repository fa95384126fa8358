package dev.funnelflow.demand;

/**
 * The KPSS test of level stationarity (Kwiatkowski, Phillips, Schmidt &amp; Shin 1992), used as Hyndman &amp;
 * Khandakar (2008) do to choose the number of differences d: difference while the test rejects stationarity at 5%.
 * The long-run variance uses a Bartlett kernel with {@code ⌊3√n/13⌋} lags (Hobijn, Franses &amp; Ooms 2004), as R's
 * {@code forecast::ndiffs}.
 */
final class Kpss {

    /** 5% critical value of the level-stationarity statistic (KPSS 1992, table 1). */
    static final double CRITICAL_VALUE_5_PERCENT = 0.463;

    private Kpss() {}

    static double statistic(double[] x) {
        int n = x.length;
        double mean = ArimaLikelihood.average(x);
        double[] e = new double[n];
        double partialSum = 0;
        double sumOfSquaredPartialSums = 0;
        double variance = 0;
        for (int t = 0; t < n; t++) {
            e[t] = x[t] - mean;
            partialSum += e[t];
            sumOfSquaredPartialSums += partialSum * partialSum;
            variance += e[t] * e[t];
        }
        int lags = (int) (3 * Math.sqrt(n) / 13);
        for (int s = 1; s <= lags; s++) {
            double autocovariance = 0;
            for (int t = s; t < n; t++) {
                autocovariance += e[t] * e[t - s];
            }
            variance += 2 * (1 - s / (lags + 1.0)) * autocovariance;
        }
        variance /= n;
        return sumOfSquaredPartialSums / ((double) n * n * variance);
    }

    /** How many first differences make {@code x} level-stationary by the test, at most {@code max}. */
    static int differences(double[] x, int max) {
        int d = 0;
        double[] series = x;
        while (d < max && series.length > 2 && !isConstant(series) && statistic(series) > CRITICAL_VALUE_5_PERCENT) {
            series = LagPolynomials.difference(series, new double[] {1});
            d++;
        }
        return d;
    }

    static boolean isConstant(double[] x) {
        for (double value : x) {
            if (value != x[0]) {
                return false;
            }
        }
        return true;
    }
}
