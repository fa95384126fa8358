package dev.funnelflow.demand;

import java.util.Arrays;
import org.hipparchus.analysis.solvers.LaguerreSolver;
import org.hipparchus.complex.Complex;
import org.hipparchus.exception.MathIllegalStateException;

/**
 * Lag polynomials of ARIMA models as coefficient arrays without the leading 1: index {@code k-1} holds the
 * coefficient of {@code B^k}. AR and differencing polynomials are {@code 1 - Σ c_k B^k}, MA polynomials
 * {@code 1 + Σ c_k B^k} (the sign convention of R and statsmodels: Box &amp; Jenkins write MA terms with minus).
 */
final class LagPolynomials {

    private LagPolynomials() {}

    /** The AR side {@code (1 - Σ a_i B^i)(1 - Σ s_j B^{jm})}, multiplied out. */
    static double[] autoregressive(double[] ar, double[] seasonalAr, int period) {
        return multiply(ar, seasonalAr, period, -1);
    }

    /** The MA side {@code (1 + Σ a_i B^i)(1 + Σ s_j B^{jm})}, multiplied out. */
    static double[] movingAverage(double[] ma, double[] seasonalMa, int period) {
        return multiply(ma, seasonalMa, period, 1);
    }

    private static double[] multiply(double[] regular, double[] seasonal, int period, double sign) {
        double[] c = new double[regular.length + seasonal.length * period];
        for (int i = 0; i < regular.length; i++) {
            c[i] += regular[i];
        }
        for (int j = 0; j < seasonal.length; j++) {
            c[(j + 1) * period - 1] += seasonal[j];
            for (int i = 0; i < regular.length; i++) {
                // The cross term of (1 ∓ a B^i)(1 ∓ s B^jm) is a·s B^(i+jm), entered with the polynomial's sign.
                c[i + (j + 1) * period] += sign * regular[i] * seasonal[j];
            }
        }
        return c;
    }

    /** {@code (1-B)^d (1-B^m)^D = 1 - Σ c_k B^k}; returns c. */
    static double[] differencing(int d, int seasonalD, int period) {
        double[] full = {1};
        for (int i = 0; i < d; i++) {
            full = multiplyFull(full, 1);
        }
        for (int i = 0; i < seasonalD; i++) {
            full = multiplyFull(full, period);
        }
        double[] c = new double[full.length - 1];
        for (int k = 1; k < full.length; k++) {
            c[k - 1] = -full[k];
        }
        return c;
    }

    /** {@code poly · (1 - B^lag)}, polynomials with their leading coefficient. */
    private static double[] multiplyFull(double[] poly, int lag) {
        double[] out = Arrays.copyOf(poly, poly.length + lag);
        for (int k = 0; k < poly.length; k++) {
            out[k + lag] -= poly[k];
        }
        return out;
    }

    /** The series differenced by {@code 1 - Σ c_k B^k}: {@code w_t = y_t - Σ c_k y_{t-k}}, for t >= c.length. */
    static double[] difference(double[] y, double[] c) {
        double[] w = new double[Math.max(0, y.length - c.length)];
        for (int t = c.length; t < y.length; t++) {
            double value = y[t];
            for (int k = 0; k < c.length; k++) {
                value -= c[k] * y[t - k - 1];
            }
            w[t - c.length] = value;
        }
        return w;
    }

    /**
     * Coefficients of a stationary AR polynomial {@code 1 - Σ φ_k B^k} from partial autocorrelations in (-1, 1), by
     * the Durbin–Levinson recursion. Every such vector maps to a stationary polynomial and back (Barndorff-Nielsen &amp;
     * Schou 1973; Jones 1980; Monahan 1984 for invertible MA polynomials), so optimising over it keeps a fit
     * stationary and invertible.
     */
    static double[] fromPartialAutocorrelations(double[] partial) {
        double[] phi = new double[partial.length];
        double[] previous = new double[partial.length];
        for (int k = 0; k < partial.length; k++) {
            System.arraycopy(phi, 0, previous, 0, k);
            phi[k] = partial[k];
            for (int j = 0; j < k; j++) {
                phi[j] = previous[j] - partial[k] * previous[k - 1 - j];
            }
        }
        return phi;
    }

    /**
     * The partial autocorrelations of a stationary AR polynomial {@code 1 - Σ φ_k B^k}: the Durbin–Levinson recursion
     * run backwards, so that {@code fromPartialAutocorrelations(toPartialAutocorrelations(φ))} gives φ back.
     */
    static double[] toPartialAutocorrelations(double[] phi) {
        double[] current = phi.clone();
        double[] partial = new double[phi.length];
        for (int k = phi.length - 1; k >= 0; k--) {
            double a = current[k];
            partial[k] = a;
            double[] previous = new double[k];
            for (int j = 0; j < k; j++) {
                previous[j] = (current[j] + a * current[k - 1 - j]) / (1 - a * a);
            }
            System.arraycopy(previous, 0, current, 0, k);
        }
        return partial;
    }

    /**
     * The smallest modulus of the roots of {@code 1 + sign·Σ c_k z^k}, infinite for a constant polynomial. Roots on
     * or inside the unit circle mean a non-stationary AR or non-invertible MA part.
     */
    static double smallestRootModulus(double[] c, double sign) {
        int degree = c.length;
        while (degree > 0 && c[degree - 1] == 0) {
            degree--;
        }
        if (degree == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] coefficients = new double[degree + 1];
        coefficients[0] = 1;
        for (int k = 0; k < degree; k++) {
            coefficients[k + 1] = sign * c[k];
        }
        Complex[] roots;
        try {
            roots = new LaguerreSolver().solveAllComplex(coefficients, 0);
        } catch (MathIllegalStateException e) {
            // The solver gave up (seen on a year of real retail sales): a polynomial whose roots cannot be told is
            // no model to forecast with, so it counts as a root on the unit circle and the search moves on.
            return 0;
        }
        double smallest = Double.POSITIVE_INFINITY;
        for (Complex root : roots) {
            smallest = Math.min(smallest, root.norm());
        }
        return smallest;
    }
}
