package dev.funnelflow.demand;

/**
 * Strength of seasonality {@code F_S = max(0, 1 - Var(R)/Var(S + R))} of Wang, Smith &amp; Hyndman (2006), which
 * R's {@code forecast::nsdiffs} uses to decide a seasonal difference (D = 1 when above 0.64). The seasonal and
 * remainder components come from a classical additive decomposition (a centred moving average of one season as
 * the trend, seasonal means of the detrended series) rather than STL: simpler, and enough for a yes/no decision.
 */
final class SeasonalStrength {

    /** Above this, take a seasonal difference (Hyndman &amp; Athanasopoulos, FPP3 §9.1; forecast::nsdiffs). */
    static final double THRESHOLD = 0.64;

    private SeasonalStrength() {}

    /** The strength in [0, 1], or 0 when {@code y} has fewer than two full seasons. */
    static double of(double[] y, int period) {
        int n = y.length;
        if (period < 2 || n < 2 * period) {
            return 0;
        }
        int half = period / 2;
        int from = half;
        int to = n - half; // exclusive: where the centred average is defined
        double[] detrended = new double[n];
        double[] seasonSum = new double[period];
        int[] seasonCount = new int[period];
        for (int t = from; t < to; t++) {
            detrended[t] = y[t] - centredAverage(y, t, period);
            seasonSum[t % period] += detrended[t];
            seasonCount[t % period]++;
        }
        double[] seasonal = new double[period];
        double level = 0;
        for (int s = 0; s < period; s++) {
            seasonal[s] = seasonSum[s] / seasonCount[s];
            level += seasonal[s] / period;
        }
        double[] remainder = new double[to - from];
        double[] seasonalPlusRemainder = new double[to - from];
        for (int t = from; t < to; t++) {
            seasonalPlusRemainder[t - from] = detrended[t];
            remainder[t - from] = detrended[t] - (seasonal[t % period] - level);
        }
        double total = variance(seasonalPlusRemainder);
        return total == 0 ? 0 : Math.max(0, 1 - variance(remainder) / total);
    }

    /** Moving average of one season centred on t (a 2×m average for even m, so it stays centred). */
    private static double centredAverage(double[] y, int t, int period) {
        int half = period / 2;
        double sum = 0;
        if (period % 2 == 1) {
            for (int k = -half; k <= half; k++) {
                sum += y[t + k];
            }
            return sum / period;
        }
        for (int k = -half + 1; k < half; k++) {
            sum += y[t + k];
        }
        sum += 0.5 * (y[t - half] + y[t + half]);
        return sum / period;
    }

    private static double variance(double[] values) {
        double mean = ArimaLikelihood.average(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return sum / values.length;
    }
}
