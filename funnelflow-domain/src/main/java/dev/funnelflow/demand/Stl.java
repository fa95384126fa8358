package dev.funnelflow.demand;

/**
 * Seasonal-trend decomposition by loess (STL) of Cleveland, Cleveland, McRae &amp; Terpenning (1990), "STL: A
 * Seasonal-Trend Decomposition Procedure Based on Loess", J. Official Statistics 6(1): the inner loop only (no
 * robustness iterations), with R's {@code stats::stl} defaults for a non-robust fit (two inner passes, seasonal
 * smoothing of degree 0, trend and low-pass of degree 1, window lengths as below). Every point is smoothed: R's
 * {@code *.jump} interpolation, a speed-up, is left out, so values differ from R's slightly.
 *
 * <p>Unlike a classical decomposition, the seasonal pattern may change over the years, which is what a seasonal
 * difference is for: a season that grows with the level (JohnsonJohnson, UKgas) is strong, not a remainder.
 */
final class Stl {

    private static final int INNER_PASSES = 2;

    /** @param seasonal the seasonal component; {@code remainder} is what neither it nor the trend explains */
    record Decomposition(double[] seasonal, double[] trend, double[] remainder) {}

    private Stl() {}

    /**
     * @param period season length, at least 2, with two full seasons in {@code y}
     * @param seasonalWindow loess span of each cycle-subseries, in seasons (odd, at least 3)
     */
    static Decomposition decompose(double[] y, int period, int seasonalWindow) {
        int n = y.length;
        if (period < 2 || n < 2 * period || seasonalWindow < 3 || seasonalWindow % 2 == 0) {
            throw new IllegalArgumentException("STL needs two full seasons and an odd seasonal window >= 3: n " + n
                    + ", period " + period + ", window " + seasonalWindow);
        }
        // R's stl defaults for the trend and low-pass windows.
        int trendWindow = nextOdd(Math.ceil(1.5 * period / (1 - 1.5 / seasonalWindow)));
        int lowPassWindow = nextOdd(period);
        double[] trend = new double[n];
        double[] seasonal = new double[n];
        for (int pass = 0; pass < INNER_PASSES; pass++) {
            double[] detrended = new double[n];
            for (int t = 0; t < n; t++) {
                detrended[t] = y[t] - trend[t];
            }
            double[] cycles = smoothCycleSubseries(detrended, period, seasonalWindow);
            double[] lowPass = loess(movingAverage(movingAverage(movingAverage(cycles, period), period), 3),
                    lowPassWindow, 1);
            double[] deseasonalised = new double[n];
            for (int t = 0; t < n; t++) {
                seasonal[t] = cycles[period + t] - lowPass[t];
                deseasonalised[t] = y[t] - seasonal[t];
            }
            trend = loess(deseasonalised, trendWindow, 1);
        }
        double[] remainder = new double[n];
        for (int t = 0; t < n; t++) {
            remainder[t] = y[t] - seasonal[t] - trend[t];
        }
        return new Decomposition(seasonal, trend, remainder);
    }

    /**
     * Smooths each cycle-subseries (every period-th value) by loess of degree 0 and extends it one season each way:
     * n + 2·period values, the first for the season before the series.
     */
    private static double[] smoothCycleSubseries(double[] x, int period, int window) {
        int n = x.length;
        double[] out = new double[n + 2 * period];
        for (int phase = 0; phase < period; phase++) {
            int length = (n - phase + period - 1) / period;
            double[] subseries = new double[length];
            for (int k = 0; k < length; k++) {
                subseries[k] = x[phase + k * period];
            }
            for (int k = -1; k <= length; k++) {
                out[phase + (k + 1) * period] = fitAt(subseries, k, window, 0);
            }
        }
        return out;
    }

    private static double[] movingAverage(double[] x, int length) {
        double[] out = new double[x.length - length + 1];
        double sum = 0;
        for (int t = 0; t < x.length; t++) {
            sum += x[t];
            if (t >= length) {
                sum -= x[t - length];
            }
            if (t >= length - 1) {
                out[t - length + 1] = sum / length;
            }
        }
        return out;
    }

    private static double[] loess(double[] x, int window, int degree) {
        double[] out = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            out[t] = fitAt(x, t, window, degree);
        }
        return out;
    }

    /**
     * Local fit at position {@code at} (may be just outside the series) from the {@code window} nearest points,
     * tricube-weighted, constant or linear; the nearest value when no point has weight.
     */
    private static double fitAt(double[] x, int at, int window, int degree) {
        int n = x.length;
        int left;
        int right;
        if (window >= n) {
            left = 0;
            right = n - 1;
        } else {
            left = Math.min(Math.max(0, at - window / 2), n - window);
            right = left + window - 1;
        }
        double h = Math.max(at - left, right - at);
        if (window > n) {
            h += (window - n) / 2; // integer division, as R's stl
        }
        double[] weights = new double[right - left + 1];
        double total = 0;
        for (int j = left; j <= right; j++) {
            double r = Math.abs(j - at);
            if (r <= 0.999 * h) {
                weights[j - left] = r <= 0.001 * h ? 1 : Math.pow(1 - Math.pow(r / h, 3), 3);
                total += weights[j - left];
            }
        }
        if (total <= 0) {
            return x[Math.min(Math.max(at, 0), n - 1)];
        }
        double centre = 0;
        for (int j = left; j <= right; j++) {
            weights[j - left] /= total;
            centre += weights[j - left] * j;
        }
        if (degree == 1) {
            double spread = 0;
            for (int j = left; j <= right; j++) {
                spread += weights[j - left] * (j - centre) * (j - centre);
            }
            // A local slope only when the points are spread enough to estimate one.
            if (Math.sqrt(spread) > 0.001 * (n - 1)) {
                for (int j = left; j <= right; j++) {
                    weights[j - left] *= 1 + (at - centre) * (j - centre) / spread;
                }
            }
        }
        double fit = 0;
        for (int j = left; j <= right; j++) {
            fit += weights[j - left] * x[j];
        }
        return fit;
    }

    private static int nextOdd(double value) {
        int rounded = (int) Math.round(value);
        return rounded % 2 == 0 ? rounded + 1 : rounded;
    }
}
