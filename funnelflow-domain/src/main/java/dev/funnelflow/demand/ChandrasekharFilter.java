package dev.funnelflow.demand;

import java.util.Arrays;

/**
 * The Kalman filter of {@link ArmaFilter} from the stationary start, with the covariance recursion in Chandrasekhar
 * form: O(r) per step instead of O(r²), for the likelihood, which filters a series once per evaluation.
 *
 * <p>A time-invariant model started at its stationary covariance Π has {@code P₁ - P₀ = -T Π e₁ e₁' Π T' / f₀}, of
 * rank one, and every later difference {@code P_{t+1} - P_t = s_t w_t w_t'} stays rank one, with
 * <pre>
 *   f_{t+1} = f_t + s_t w_t[0]²,   P_{t+1} e₁ = P_t e₁ + s_t w_t[0] w_t,
 *   w_{t+1} = T (w_t - (w_t[0] / f_t) P_t e₁),   s_{t+1} = s_t f_t / f_{t+1}
 * </pre>
 * (Morf, Sidhu &amp; Kailath 1974, "Some new algorithms for recursive estimation in constant, linear, discrete-time
 * systems", IEEE TAC 19; Herbst 2015, "Using the 'Chandrasekhar recursions' for likelihood evaluation of DSGE
 * models", Comput. Econ. 45; statsmodels' {@code filter_chandrasekhar}). The filter only ever reads {@code P e₁}
 * (the gain and f), so that column, w and s are all it keeps: the full P is never formed, and the start needs only
 * the first column of Π ({@link ArmaCovariance#firstColumn}). This is the same exact likelihood as the Riccati
 * recursion of {@link ArmaFilter}, rearranged, with no steady-state approximation.
 */
final class ChandrasekharFilter {

    /**
     * Below this size relative to f, the next rank-one update {@code |s|·max w²} is dropped, and all later ones. The
     * updates decay geometrically, at ρ², ρ the largest modulus of the closed-loop filter's eigenvalues (once the gain
     * settles, the reciprocals of the MA polynomial's roots), so what is dropped sums to about 1/(1-ρ²) times this:
     * below double precision unless an MA root sits within ~1e-14 of the unit circle. The point is not to save work
     * (a step is O(r) either way) but to keep w out of subnormal numbers, which are slow.
     */
    private static final double NEGLIGIBLE = 1e-30;

    private final int r;
    private final double[] phi;
    private final double[] column;
    private final double[] w;
    private double s;
    private boolean steady;

    private ChandrasekharFilter(double[] phi, double[] column) {
        this.r = column.length;
        this.phi = phi;
        this.column = column;
        this.w = column.clone();
        timesT(w);
        this.s = -1 / column[0];
    }

    /** A filter at the start of the series: the stationary state covariance. */
    static ChandrasekharFilter stationary(double[] arCoefficients, double[] maCoefficients) {
        int r = ArmaFilter.dimension(arCoefficients.length, maCoefficients.length);
        double[] phi = Arrays.copyOf(arCoefficients, r);
        double[] rVector = new double[r];
        rVector[0] = 1;
        System.arraycopy(maCoefficients, 0, rVector, 1, maCoefficients.length);
        return new ChandrasekharFilter(phi, ArmaCovariance.firstColumn(phi, rVector));
    }

    int dimension() {
        return r;
    }

    /** Variance of the next one-step prediction error, in units of σ². */
    double predictionVariance() {
        return column[0];
    }

    /** Updates the predicted state {@code a} with innovation {@code v}, then predicts the next: a ← T(a + P e₁ v/f). */
    void advanceState(double[] a, double v) {
        double gain = v / column[0];
        for (int i = 0; i < r; i++) {
            a[i] += column[i] * gain;
        }
        timesT(a);
    }

    /** P ← P + s w w' as far as the filter needs it (P e₁), then w and s for the next step. */
    void advanceCovariance() {
        if (steady) {
            return;
        }
        double f = column[0];
        double w0 = w[0];
        double gain = w0 / f;
        double scale = s * w0;
        for (int i = 0; i < r; i++) {
            double wi = w[i];
            w[i] = wi - gain * column[i];
            column[i] += scale * wi;
        }
        timesT(w);
        s *= f / column[0];
        double largest = 0;
        for (double wi : w) {
            largest = Math.max(largest, Math.abs(wi));
        }
        steady = Math.abs(s) * largest * largest < NEGLIGIBLE * column[0];
    }

    /** x ← T x for the companion matrix T = [φ | I_{r-1} over 0]. */
    private void timesT(double[] x) {
        double first = x[0];
        for (int i = 0; i < r - 1; i++) {
            x[i] = phi[i] * first + x[i + 1];
        }
        x[r - 1] = phi[r - 1] * first;
    }
}
