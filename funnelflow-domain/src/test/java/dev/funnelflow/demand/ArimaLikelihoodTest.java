package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact likelihood (stationary covariance from autocovariances, Chandrasekhar recursions) against what it
 * replaced, kept here as the oracle: the stationary covariance by matrix doubling and the full Riccati recursion of
 * {@link ArmaFilter}; and against closed forms. The conditional sum of squares against its dense recursion.
 */
class ArimaLikelihoodTest {

    private static final int N = 300;
    private static final double RELATIVE = 1e-9;

    /** AR and MA polynomials, multiplied out, that span the cases the estimator meets. */
    private record Case(String name, double[] phi, double[] theta) {}

    private static List<Case> cases() {
        double[] nearUnitPair = LagPolynomials.fromPartialAutocorrelations(new double[] {0.99, 0.99});
        return List.of(
                new Case("white noise", new double[0], new double[0]),
                new Case("AR(1)", new double[] {0.5}, new double[0]),
                new Case("AR(2)", new double[] {0.5, 0.3}, new double[0]),
                new Case("MA(1)", new double[0], new double[] {0.7}),
                new Case("MA(2)", new double[0], new double[] {0.4, -0.3}),
                new Case("ARMA(1,1)", new double[] {0.6}, new double[] {0.3}),
                new Case("ARMA(2,3)", new double[] {1.1, -0.4}, new double[] {-0.2, 0.3, 0.1}),
                new Case("(1,0,1)(2,0,0)[24]", LagPolynomials.autoregressive(new double[] {0.3},
                        new double[] {0.4, 0.2}, 24), new double[] {0.2}),
                new Case("(2,0,2)(2,0,1)[24]", LagPolynomials.autoregressive(new double[] {0.5, -0.2},
                        new double[] {0.3, 0.3}, 24), LagPolynomials.movingAverage(new double[] {0.3, 0.1},
                        new double[] {-0.5}, 24)),
                new Case("(0,0,1)(0,0,1)[12]", new double[0], LagPolynomials.movingAverage(new double[] {-0.4},
                        new double[] {-0.56}, 12)),
                new Case("AR(1) near unit root", new double[] {0.99}, new double[0]),
                new Case("MA(1) near unit root", new double[0], new double[] {-0.99}),
                new Case("AR(2) partials at the bound", nearUnitPair, new double[] {0.5}),
                new Case("(1,0,0)(2,0,0)[24] partials at the bound", LagPolynomials.autoregressive(
                        new double[] {0.99}, nearUnitPair, 24), new double[0]),
                new Case("(0,0,1)(0,0,2)[24] partials at the bound", new double[0], LagPolynomials.movingAverage(
                        new double[] {-0.99}, negate(nearUnitPair), 24)));
    }

    @Test
    void agreesWithTheDoublingAndRiccatiRecursionItReplaced() {
        int seed = 10;
        for (Case c : cases()) {
            double[] w = TestSeries.simulate(seed++, N, c.phi, c.theta, 0, 5);
            for (boolean withMean : new boolean[] {false, true}) {
                ArimaLikelihood.Result fast = ArimaLikelihood.exact(w, c.phi, c.theta, withMean);
                ArimaLikelihood.Result oracle = Oracle.exact(w, c.phi, c.theta, withMean);
                String label = c.name + (withMean ? " with mean" : "");
                assertThat(fast.logLikelihood()).as(label)
                        .isCloseTo(oracle.logLikelihood(), within(RELATIVE * Math.abs(oracle.logLikelihood())));
                assertThat(fast.sigma2()).as(label).isCloseTo(oracle.sigma2(), within(RELATIVE * oracle.sigma2()));
                assertThat(fast.mean()).as(label).isCloseTo(oracle.mean(), within(RELATIVE * 5));
            }
        }
    }

    @Test
    void stationaryCovarianceAgreesWithDoublingAndSolvesItsEquation() {
        for (Case c : cases()) {
            int r = ArmaFilter.dimension(c.phi.length, c.theta.length);
            double[] phi = Arrays.copyOf(c.phi, r);
            double[] rVector = Oracle.rVector(c.theta, r);
            double[] p = ArmaCovariance.stationary(phi, rVector);
            double[] doubled = Oracle.doubling(phi, rVector);
            double scale = Arrays.stream(doubled).map(Math::abs).max().orElseThrow();
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    // P = T P T' + R R', entry by entry for the companion T: solved to rounding.
                    double tpt = phi[i] * phi[j] * p[0] + phi[i] * (j + 1 < r ? p[j + 1] : 0)
                            + phi[j] * (i + 1 < r ? p[(i + 1) * r] : 0)
                            + (i + 1 < r && j + 1 < r ? p[(i + 1) * r + j + 1] : 0);
                    assertThat(tpt + rVector[i] * rVector[j]).as(c.name + " equation [" + i + "][" + j + "]")
                            .isCloseTo(p[i * r + j], within(1e-13 * scale));
                    // Doubling stops when a term is 1e-15 of the sum, which near a unit root leaves more behind: at
                    // the seasonal bound (P₀₀ ≈ 10⁶) it is 5e-10 short and misses the equation by 7e-13 of P₀₀.
                    assertThat(p[i * r + j]).as(c.name + " [" + i + "][" + j + "]")
                            .isCloseTo(doubled[i * r + j], within(1e-9 * scale));
                }
            }
        }
    }

    /** AR(1): Var w = 1/(1-φ²); MA(1): the state (w_t, θ e_t) has covariance [[1+θ², θ], [θ, θ²]]. */
    @Test
    void stationaryCovarianceOfAr1AndMa1() {
        assertThat(ArmaCovariance.stationary(new double[] {0.8}, new double[] {1}))
                .containsExactly(new double[] {1 / (1 - 0.64)}, within(1e-12));
        assertThat(ArmaCovariance.stationary(new double[] {0, 0}, new double[] {1, 0.6}))
                .containsExactly(new double[] {1.36, 0.6, 0.6, 0.36}, within(1e-12));
    }

    @Test
    void conditionalSumOfSquaresVisitingNonZeroLagsEqualsTheDenseRecursion() {
        int seed = 40;
        for (Case c : cases()) {
            double[] w = TestSeries.simulate(seed++, N, c.phi, c.theta, 0, 5);
            for (boolean withMean : new boolean[] {false, true}) {
                assertThat(ArimaLikelihood.conditional(w, c.phi, c.theta, withMean)).as(c.name)
                        .isEqualTo(denseConditional(w, c.phi, c.theta, withMean));
            }
        }
    }

    /** The conditional sum of squares over every lag, zero or not, as computed before. */
    private static ArimaLikelihood.Result denseConditional(double[] w, double[] phi, double[] theta,
            boolean withMean) {
        int n = w.length;
        double mean = withMean ? ArimaLikelihood.average(w) : 0;
        double[] residuals = new double[n];
        double sumSquares = 0;
        for (int t = phi.length; t < n; t++) {
            double e = w[t] - mean;
            for (int i = 0; i < phi.length; i++) {
                e -= phi[i] * (w[t - i - 1] - mean);
            }
            for (int j = 0; j < theta.length && j < t; j++) {
                e -= theta[j] * residuals[t - j - 1];
            }
            residuals[t] = e;
            sumSquares += e * e;
        }
        double sigma2 = sumSquares / (n - phi.length);
        return new ArimaLikelihood.Result(-0.5 * n * (Math.log(2 * Math.PI) + Math.log(sigma2) + 1), sigma2, mean);
    }

    /**
     * AR(1) without mean in closed form (Box &amp; Jenkins 1976, §7.1.6): with
     * {@code S = (1-φ²) w₁² + Σ (w_t - φ w_{t-1})²} and σ² = S/n concentrated out,
     * {@code log L = -n/2 (log 2π + log σ² + 1) + ½ log(1-φ²)}.
     */
    @Test
    void ar1InClosedForm() {
        double phi = 0.7;
        double[] w = TestSeries.simulate(3, N, new double[] {phi}, new double[0], 0, 0);
        double sum = (1 - phi * phi) * w[0] * w[0];
        for (int t = 1; t < N; t++) {
            sum += (w[t] - phi * w[t - 1]) * (w[t] - phi * w[t - 1]);
        }
        double sigma2 = sum / N;
        double expected = -0.5 * N * (Math.log(2 * Math.PI) + Math.log(sigma2) + 1) + 0.5 * Math.log(1 - phi * phi);
        ArimaLikelihood.Result result = ArimaLikelihood.exact(w, new double[] {phi}, new double[0], false);
        assertThat(result.sigma2()).isCloseTo(sigma2, within(1e-12 * sigma2));
        assertThat(result.logLikelihood()).isCloseTo(expected, within(1e-10 * Math.abs(expected)));
    }

    private static double[] negate(double[] values) {
        return Arrays.stream(values).map(v -> -v).toArray();
    }

    /** The exact likelihood as computed before the Chandrasekhar recursions, for comparison only. */
    static final class Oracle {

        private Oracle() {}

        static ArimaLikelihood.Result exact(double[] w, double[] phi, double[] theta, boolean withMean) {
            int n = w.length;
            int r = ArmaFilter.dimension(phi.length, theta.length);
            double centre = withMean ? ArimaLikelihood.average(w) : 0;
            ArmaFilter filter = ArmaFilter.resume(phi, theta, doubling(Arrays.copyOf(phi, r), rVector(theta, r)),
                    false);
            double[] state = new double[r];
            double[] meanState = new double[r];
            double sumLogF = 0;
            double s00 = 0;
            double s01 = 0;
            double s11 = 0;
            for (int t = 0; t < n; t++) {
                double f = filter.predictionVariance();
                double v0 = w[t] - centre - state[0];
                filter.advanceState(state, v0);
                if (withMean) {
                    double v1 = 1 - meanState[0];
                    filter.advanceState(meanState, v1);
                    s01 += v0 * v1 / f;
                    s11 += v1 * v1 / f;
                }
                s00 += v0 * v0 / f;
                sumLogF += Math.log(f);
                filter.advanceCovariance();
            }
            double shift = withMean ? s01 / s11 : 0;
            double sigma2 = Math.max(0, withMean ? s00 - s01 * shift : s00) / n;
            return new ArimaLikelihood.Result(-0.5 * (n * (Math.log(2 * Math.PI) + Math.log(sigma2) + 1) + sumLogF),
                    sigma2, centre + shift);
        }

        static double[] rVector(double[] theta, int r) {
            double[] rVector = new double[r];
            rVector[0] = 1;
            System.arraycopy(theta, 0, rVector, 1, theta.length);
            return rVector;
        }

        /**
         * {@code P = Σ T^j RR' T'^j} by doubling: {@code P_{k+1} = P_k + A_k P_k A_k'}, {@code A_{k+1} = A_k²}
         * (Anderson &amp; Moore 1979, "Optimal Filtering", §6.7).
         */
        static double[] doubling(double[] phi, double[] rVector) {
            int r = rVector.length;
            double[] sum = new double[r * r];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    sum[i * r + j] = rVector[i] * rVector[j];
                }
            }
            double[] a = new double[r * r];
            for (int i = 0; i < r; i++) {
                a[i * r] = phi[i];
                if (i < r - 1) {
                    a[i * r + i + 1] = 1;
                }
            }
            for (int k = 0; k < 100; k++) {
                double[] term = multiplyTransposed(multiply(a, sum, r), a, r);
                double largest = 0;
                double scale = 0;
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += term[i];
                    largest = Math.max(largest, Math.abs(term[i]));
                    scale = Math.max(scale, Math.abs(sum[i]));
                }
                if (largest <= 1e-15 * scale) {
                    break;
                }
                a = multiply(a, a, r);
            }
            return sum;
        }

        private static double[] multiply(double[] x, double[] y, int r) {
            double[] out = new double[r * r];
            for (int i = 0; i < r; i++) {
                for (int k = 0; k < r; k++) {
                    double xik = x[i * r + k];
                    if (xik != 0) {
                        for (int j = 0; j < r; j++) {
                            out[i * r + j] += xik * y[k * r + j];
                        }
                    }
                }
            }
            return out;
        }

        /** x · y'. */
        private static double[] multiplyTransposed(double[] x, double[] y, int r) {
            double[] out = new double[r * r];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < r; j++) {
                    double value = 0;
                    for (int k = 0; k < r; k++) {
                        value += x[i * r + k] * y[j * r + k];
                    }
                    out[i * r + j] = value;
                }
            }
            return out;
        }
    }
}
