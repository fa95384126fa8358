package dev.funnelflow.demand;

/**
 * Strength of seasonality {@code F_S = max(0, 1 - Var(R)/Var(S + R))} of Wang, Smith &amp; Hyndman (2006), which
 * R's {@code forecast::nsdiffs} uses to decide a seasonal difference (D = 1 when above 0.64). The seasonal and
 * remainder components come from {@link Stl} with a seasonal window of 11 seasons, as {@code forecast::mstl} does for
 * one season. A classical decomposition (one fixed seasonal pattern) would not do: a season that grows with the level
 * lands in its remainder, and JohnsonJohnson or UKgas, clearly seasonal, scored below the threshold.
 */
final class SeasonalStrength {

    /** Above this, take a seasonal difference (Hyndman &amp; Athanasopoulos, FPP3 §9.1; forecast::nsdiffs). */
    static final double THRESHOLD = 0.64;
    /** {@code forecast::mstl}'s {@code s.window} for the first (here the only) season. */
    private static final int SEASONAL_WINDOW = 11;

    private SeasonalStrength() {}

    /** The strength in [0, 1], or 0 when {@code y} has fewer than two full seasons. */
    static double of(double[] y, int period) {
        if (period < 2 || y.length < 2 * period) {
            return 0;
        }
        Stl.Decomposition parts = Stl.decompose(y, period, SEASONAL_WINDOW);
        double[] seasonalPlusRemainder = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            seasonalPlusRemainder[t] = parts.seasonal()[t] + parts.remainder()[t];
        }
        double total = variance(seasonalPlusRemainder);
        return total == 0 ? 0 : Math.max(0, 1 - variance(parts.remainder()) / total);
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
