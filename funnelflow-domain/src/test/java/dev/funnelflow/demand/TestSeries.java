package dev.funnelflow.demand;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Series for tests: simulated ARIMA processes with fixed seeds, and the classic AirPassengers data. */
final class TestSeries {

    private TestSeries() {}

    /** The 144 monthly AirPassengers values, 1949–1960 (test resource {@code demand/air-passengers.csv}). */
    static double[] airPassengers() {
        try (InputStream in = TestSeries.class.getResourceAsStream("/demand/air-passengers.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("time"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(',') + 1)))
                    .toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] log(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = Math.log(y[i]);
        }
        return out;
    }

    /**
     * n observations of {@code (1-B)^d (y - mean) = ARMA(ar, ma)} with unit-variance Gaussian shocks, after a
     * burn-in of 200 steps so the start is stationary.
     */
    static double[] simulate(long seed, int n, double[] ar, double[] ma, int d, double mean) {
        Random random = new Random(seed);
        int burnIn = 200;
        int total = n + burnIn;
        double[] x = new double[total];
        double[] e = new double[total];
        for (int t = 0; t < total; t++) {
            e[t] = random.nextGaussian();
            double value = e[t];
            for (int i = 0; i < ar.length && t - i - 1 >= 0; i++) {
                value += ar[i] * x[t - i - 1];
            }
            for (int j = 0; j < ma.length && t - j - 1 >= 0; j++) {
                value += ma[j] * e[t - j - 1];
            }
            x[t] = value;
        }
        double[] y = new double[n];
        System.arraycopy(x, burnIn, y, 0, n);
        for (int k = 0; k < d; k++) {
            for (int t = 1; t < n; t++) {
                y[t] += y[t - 1];
            }
        }
        for (int t = 0; t < n; t++) {
            y[t] += mean;
        }
        return y;
    }
}
