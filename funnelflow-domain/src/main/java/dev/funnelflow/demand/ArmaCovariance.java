package dev.funnelflow.demand;

/**
 * The stationary covariance of the state of {@link ArmaFilter} (Harvey's form, σ² = 1), from the autocovariances of
 * the ARMA process instead of from the matrix equation {@code P = T P T' + R R'} itself.
 *
 * <p>The state's first component is {@code w_t}, and component {@code i} is
 * {@code Σ_{k>=i} (φ_{k+1} w_{t-1-k+i} + θ_k e_{t-k+i})} (θ₀ = 1), so the first column of P is made of the
 * autocovariances γ of w and its ψ-weights: {@code P[i][0] = Σ_{k>=i} (φ_{k+1} γ(k-i+1) + θ_k ψ_{k-i})}. The
 * autocovariances solve a linear system of p+1 equations (McLeod 1975, "Derivation of the theoretical autocovariance
 * function of autoregressive-moving average time series", Appl. Statist. 24; Brockwell &amp; Davis 1991, §3.3, the
 * method of R's {@code ARMAacf}); the rest of P follows from the first column through the equation's entries
 * {@code P_ij = φ_i φ_j P_00 + φ_i P_0,j+1 + φ_j P_i+1,0 + P_i+1,j+1 + R_i R_j}, filled from the last row up.
 *
 * <p>That is O(p³) for the system and O(r²) for P, against O(r³) per step of the matrix doubling this replaced
 * (12 steps for a seasonal AR(2) at period 24, 24 with its partial autocorrelations at the estimator's bound). The
 * first column alone is all the likelihood needs ({@link ChandrasekharFilter}).
 */
final class ArmaCovariance {

    private ArmaCovariance() {}

    /**
     * The first column of the stationary state covariance, {@code P e₁}, in units of σ².
     *
     * @param phi the AR polynomial's coefficients φ₁…φ_p, padded with zeros to the state dimension r
     * @param rVector {@code (1, θ₁, …, θ_{r-1})}, the MA polynomial padded to r
     */
    static double[] firstColumn(double[] phi, double[] rVector) {
        int r = rVector.length;
        int p = degree(phi);
        int q = degree(rVector) - 1;
        double[] psi = psiWeights(phi, p, rVector, r);
        double[] gamma = autocovariances(phi, p, rVector, q, psi, r);
        double[] column = new double[r];
        for (int i = 0; i < r; i++) {
            double sum = 0;
            for (int k = i; k < r; k++) {
                sum += phi[k] * gamma[k - i + 1] + rVector[k] * psi[k - i];
            }
            column[i] = sum;
        }
        return column;
    }

    /** The whole stationary state covariance, row-major r×r, in units of σ². */
    static double[] stationary(double[] phi, double[] rVector) {
        int r = rVector.length;
        double[] c = firstColumn(phi, rVector);
        double[] p = new double[r * r];
        System.arraycopy(c, 0, p, 0, r);
        for (int i = 1; i < r; i++) {
            p[i * r] = c[i];
        }
        // P_ij needs P_{i+1,j+1} (a row further down) and the first column: fill rows from the bottom up.
        for (int i = r - 1; i >= 1; i--) {
            for (int j = i; j < r; j++) {
                double c0i1 = i + 1 < r ? c[i + 1] : 0;
                double c0j1 = j + 1 < r ? c[j + 1] : 0;
                double below = i + 1 < r && j + 1 < r ? p[(i + 1) * r + j + 1] : 0;
                double value = phi[i] * phi[j] * c[0] + phi[i] * c0j1 + phi[j] * c0i1 + below + rVector[i] * rVector[j];
                p[i * r + j] = value;
                p[j * r + i] = value;
            }
        }
        return p;
    }

    /** ψ₀…ψ_{count-1} of {@code w = ψ(B) e}: {@code ψ_j = θ_j + Σ_k φ_k ψ_{j-k}}. */
    private static double[] psiWeights(double[] phi, int p, double[] rVector, int count) {
        double[] psi = new double[count];
        for (int j = 0; j < count; j++) {
            double value = rVector[j];
            for (int k = 1; k <= Math.min(j, p); k++) {
                value += phi[k - 1] * psi[j - k];
            }
            psi[j] = value;
        }
        return psi;
    }

    /**
     * γ(0)…γ(maxLag) for σ² = 1. With {@code b_h = Σ_{j=h}^{q} θ_j ψ_{j-h}} (the covariance of the MA side with
     * {@code w_{t-h}}), {@code γ(h) - Σ_k φ_k γ(|h-k|) = b_h}: solved for h = 0…p, then run forward beyond p.
     */
    private static double[] autocovariances(double[] phi, int p, double[] rVector, int q, double[] psi, int maxLag) {
        double[] b = new double[Math.max(maxLag, p) + 1];
        for (int h = 0; h <= q; h++) {
            double sum = 0;
            for (int j = h; j <= q; j++) {
                sum += rVector[j] * psi[j - h];
            }
            b[h] = sum;
        }
        double[][] system = new double[p + 1][p + 1];
        double[] rhs = new double[p + 1];
        for (int h = 0; h <= p; h++) {
            system[h][h] += 1;
            for (int k = 1; k <= p; k++) {
                system[h][Math.abs(h - k)] -= phi[k - 1];
            }
            rhs[h] = b[h];
        }
        double[] gamma = new double[Math.max(maxLag, p) + 1];
        System.arraycopy(solve(system, rhs), 0, gamma, 0, p + 1);
        for (int h = p + 1; h < gamma.length; h++) {
            double value = b[h];
            for (int k = 1; k <= p; k++) {
                value += phi[k - 1] * gamma[h - k];
            }
            gamma[h] = value;
        }
        return gamma;
    }

    /** Gaussian elimination with partial pivoting; the system is nonsingular for a stationary AR polynomial. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            double[] swapRow = a[col];
            a[col] = a[pivot];
            a[pivot] = swapRow;
            double swap = b[col];
            b[col] = b[pivot];
            b[pivot] = swap;
            double[] top = a[col];
            for (int row = col + 1; row < n; row++) {
                double[] current = a[row];
                double factor = current[col] / top[col];
                if (factor != 0) {
                    for (int k = col; k < n; k++) {
                        current[k] -= factor * top[k];
                    }
                    b[row] -= factor * b[col];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < n; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }

    /** Index of the last nonzero coefficient, plus one. */
    private static int degree(double[] c) {
        int degree = c.length;
        while (degree > 0 && c[degree - 1] == 0) {
            degree--;
        }
        return degree;
    }
}
