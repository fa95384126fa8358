package dev.funnelflow.demand;

import java.util.Arrays;

/**
 * Kalman filter of a zero-mean ARMA process in Harvey's state-space form (Harvey 1989, "Forecasting, Structural
 * Time Series Models and the Kalman Filter", §3.4; Durbin &amp; Koopman 2012, "Time Series Analysis by State Space
 * Methods", §3.4): with {@code r = max(p, q+1)},
 * <pre>
 *   x_t = T x_{t-1} + R e_t,   w_t = x_t[0],   T = [φ | I_{r-1} over 0],   R = (1, θ_1, …, θ_{r-1})'
 * </pre>
 * The predicted state covariance {@code P} is kept in units of σ², so σ² can be concentrated out of the likelihood.
 * It starts at the stationary covariance ({@link ArmaCovariance#stationary}, from the ARMA autocovariances), which
 * makes the likelihood exact. {@code T} is a companion matrix, so one step costs O(r²) rather than O(r³); once
 * {@code P} stops changing (it converges to {@code RR'} for an invertible MA) it is frozen and a step costs O(r).
 *
 * <p>The filter owns {@code P}; state vectors are passed in, so one covariance recursion can serve the data and a
 * regression column at once. {@link ArimaTracker} keeps P in its state and forecasts from it; the likelihood, which
 * needs only P's first column, uses the O(r) per step {@link ChandrasekharFilter} instead.
 */
final class ArmaFilter {

    /** Change of P below which it counts as converged (P is in units of σ²; its [0][0] entry is >= 1). */
    private static final double STEADY_TOLERANCE = 1e-11;

    private final int r;
    private final double[] phi;
    private final double[] rVector;
    private double[] p;
    private double[] scratch;
    private boolean steady;

    private ArmaFilter(double[] phi, double[] rVector, double[] p, boolean steady) {
        this.r = rVector.length;
        this.phi = phi;
        this.rVector = rVector;
        this.p = p;
        this.steady = steady;
    }

    /** A filter at the start of the series: the stationary state covariance. */
    static ArmaFilter stationary(double[] arCoefficients, double[] maCoefficients) {
        int r = dimension(arCoefficients.length, maCoefficients.length);
        double[] phi = Arrays.copyOf(arCoefficients, r);
        double[] rVector = rVector(maCoefficients, r);
        return new ArmaFilter(phi, rVector, ArmaCovariance.stationary(phi, rVector), false);
    }

    /** A filter resumed from a saved covariance (see {@link #covariance()}). */
    static ArmaFilter resume(double[] arCoefficients, double[] maCoefficients, double[] covariance, boolean steady) {
        int r = dimension(arCoefficients.length, maCoefficients.length);
        if (covariance.length != r * r) {
            throw new IllegalArgumentException("covariance has " + covariance.length + " entries, expected " + r * r);
        }
        return new ArmaFilter(Arrays.copyOf(arCoefficients, r), rVector(maCoefficients, r), covariance.clone(), steady);
    }

    private static double[] rVector(double[] maCoefficients, int r) {
        double[] rVector = new double[r];
        rVector[0] = 1;
        System.arraycopy(maCoefficients, 0, rVector, 1, maCoefficients.length);
        return rVector;
    }

    static int dimension(int arDegree, int maDegree) {
        return Math.max(arDegree, maDegree + 1);
    }

    int dimension() {
        return r;
    }

    /** Variance of the next one-step prediction error, in units of σ². */
    double predictionVariance() {
        return p[0];
    }

    double[] covariance() {
        return p.clone();
    }

    boolean steady() {
        return steady;
    }

    /** Updates the predicted state {@code a} with innovation {@code v}, then predicts the next: a ← T(a + P e₁ v/f). */
    void advanceState(double[] a, double v) {
        double gain = v / p[0];
        for (int i = 0; i < r; i++) {
            a[i] += p[i] * gain; // P is symmetric: its first row is its first column
        }
        double first = a[0];
        for (int i = 0; i < r - 1; i++) {
            a[i] = phi[i] * first + a[i + 1];
        }
        a[r - 1] = phi[r - 1] * first;
    }

    /**
     * P ← T M T' + R R' with M = P - P e₁ e₁' P / f. For the companion T this is entrywise
     * {@code φ_i φ_j M₀₀ + φ_i M₀,ⱼ₊₁ + φ_j Mᵢ₊₁,₀ + Mᵢ₊₁,ⱼ₊₁ + R_i R_j}: one pass over the upper triangle.
     */
    void advanceCovariance() {
        if (steady) {
            return;
        }
        if (scratch == null) {
            scratch = new double[r * r];
        }
        double f = p[0];
        double m00 = p[0] - p[0] * p[0] / f;
        double change = 0;
        for (int i = 0; i < r; i++) {
            double m0i1 = i < r - 1 ? p[i + 1] - p[0] * p[i + 1] / f : 0;
            for (int j = i; j < r; j++) {
                double m0j1 = j < r - 1 ? p[j + 1] - p[0] * p[j + 1] / f : 0;
                double mi1j1 = i < r - 1 && j < r - 1 ? p[(i + 1) * r + j + 1] - p[i + 1] * p[j + 1] / f : 0;
                double value = phi[i] * phi[j] * m00 + phi[i] * m0j1 + phi[j] * m0i1 + mi1j1 + rVector[i] * rVector[j];
                change = Math.max(change, Math.abs(value - p[i * r + j]));
                scratch[i * r + j] = value;
                scratch[j * r + i] = value;
            }
        }
        double[] previous = p;
        p = scratch;
        scratch = previous;
        steady = change < STEADY_TOLERANCE;
    }
}
