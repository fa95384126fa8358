package dev.funnelflow.demand;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: where the CPU of one exact likelihood evaluation goes, before and after the Chandrasekhar recursions,
 * for ARIMA(1,0,1)(2,0,0)[24] and ARIMA(2,0,2)(2,0,0)[24] with a mean on 336 hourly observations (state dimension
 * 49 and 50). Runs only when asked for: {@code mvn -B -o test -pl funnelflow-domain -Dtest=ExactLikelihoodCostProbe -Dprobe=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Prints thread CPU µs per evaluation of each part, the two ways
 * alternated in one JVM, the first round discarded.
 */
@EnabledIfSystemProperty(named = "probe", matches = "true")
class ExactLikelihoodCostProbe {

    private static final int N = 336;
    private static final int ROUNDS = 6;

    @Test
    void cpuPerExactLikelihood() {
        run(LagPolynomials.autoregressive(new double[] {0.3}, new double[] {0.4, 0.2}, 24), new double[] {0.2});
        run(LagPolynomials.autoregressive(new double[] {0.5, -0.2}, new double[] {0.4, 0.2}, 24),
                new double[] {0.6, 0.3});
    }

    private static void run(double[] phi, double[] theta) {
        double[] w = TestSeries.simulate(7, N, phi, theta, 0, 20);
        int r = ArmaFilter.dimension(phi.length, theta.length);
        double[] paddedPhi = Arrays.copyOf(phi, r);
        double[] rVector = ArimaLikelihoodTest.Oracle.rVector(theta, r);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int reps = round == 0 ? 300 : 200;
            long t0 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) {
                sink += ArimaLikelihoodTest.Oracle.doubling(paddedPhi, rVector)[0];
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) {
                sink += ArimaLikelihoodTest.Oracle.exact(w, phi, theta, true).logLikelihood();
            }
            long t2 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) {
                sink += ArmaCovariance.firstColumn(paddedPhi, rVector)[0];
            }
            long t3 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) {
                sink += ArimaLikelihood.exact(w, phi, theta, true).logLikelihood();
            }
            long t4 = threads.getCurrentThreadCpuTime();
            double[] stationary = ArimaLikelihoodTest.Oracle.doubling(paddedPhi, rVector);
            long t5 = threads.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) {
                ArmaFilter filter = ArmaFilter.resume(phi, theta, stationary, false);
                for (int t = 0; t < N; t++) {
                    filter.advanceCovariance();
                }
                sink += filter.predictionVariance();
            }
            long t6 = threads.getCurrentThreadCpuTime();
            if (round > 0) {
                double riccati = (t6 - t5) / 1e3 / reps;
                double doubling = (t1 - t0) / 1e3 / reps;
                double before = (t2 - t1) / 1e3 / reps;
                double firstColumn = (t3 - t2) / 1e3 / reps;
                double after = (t4 - t3) / 1e3 / reps;
                System.out.printf(Locale.ROOT, "round %d, r = %d, n = %d: before %.0f µs (stationary by doubling %.0f, "
                        + "Riccati recursion %.0f, the rest %.0f); after %.1f µs (first column from autocovariances %.1f, "
                        + "Chandrasekhar recursion and the rest %.1f)%n", round, r, N, before, doubling,
                        riccati, before - doubling - riccati, after, firstColumn, after - firstColumn);
            }
        }
        System.out.println("(checksum " + sink + ")");
    }
}
