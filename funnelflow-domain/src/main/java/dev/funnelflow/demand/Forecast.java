package dev.funnelflow.demand;

import java.util.Arrays;

/** Point forecasts and 80% / 95% prediction intervals for the next {@link #horizon()} steps, nearest first. */
public record Forecast(double[] mean, double[] lo80, double[] hi80, double[] lo95, double[] hi95) {

    /** Standard normal quantiles of 0.90 and 0.975. */
    static final double Z80 = 1.2815515655446004;
    static final double Z95 = 1.959963984540054;

    public Forecast {
        int h = mean.length;
        if (lo80.length != h || hi80.length != h || lo95.length != h || hi95.length != h) {
            throw new IllegalArgumentException("forecast arrays differ in length");
        }
    }

    /** Symmetric intervals {@code mean ± q · se}, with {@code q80} and {@code q95} the 0.90 and 0.975 quantiles. */
    static Forecast of(double[] mean, double[] standardError, double q80, double q95) {
        int h = mean.length;
        double[] lo80 = new double[h];
        double[] hi80 = new double[h];
        double[] lo95 = new double[h];
        double[] hi95 = new double[h];
        for (int i = 0; i < h; i++) {
            lo80[i] = mean[i] - q80 * standardError[i];
            hi80[i] = mean[i] + q80 * standardError[i];
            lo95[i] = mean[i] - q95 * standardError[i];
            hi95[i] = mean[i] + q95 * standardError[i];
        }
        return new Forecast(mean, lo80, hi80, lo95, hi95);
    }

    public int horizon() {
        return mean.length;
    }

    /**
     * This forecast with every value raised to at least {@code floor}: demand cannot be negative, and cutting a
     * Gaussian interval at zero keeps its coverage of non-negative outcomes.
     */
    public Forecast atLeast(double floor) {
        return new Forecast(max(mean, floor), max(lo80, floor), max(hi80, floor), max(lo95, floor), max(hi95, floor));
    }

    private static double[] max(double[] values, double floor) {
        return Arrays.stream(values).map(v -> Math.max(v, floor)).toArray();
    }
}
