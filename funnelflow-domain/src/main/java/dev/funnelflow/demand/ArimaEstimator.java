package dev.funnelflow.demand;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.univariate.BrentOptimizer;
import org.hipparchus.optim.univariate.SearchInterval;
import org.hipparchus.optim.univariate.UnivariateObjectiveFunction;

/**
 * Maximum-likelihood estimation of an ARIMA model of a given order (Box &amp; Jenkins 1976, ch. 7): the series is
 * differenced, then the exact Gaussian likelihood of the ARMA part ({@link ArimaLikelihood#exact}) is maximised over
 * the partial autocorrelations of each AR and MA polynomial, which keeps every candidate stationary and invertible.
 * σ² and the mean or drift are concentrated out. Hipparchus' BOBYQA (Powell 2009), a bounded derivative-free
 * trust-region method, does the search; Brent's method when there is one coefficient.
 */
public final class ArimaEstimator {

    /** Bound on each partial autocorrelation: fits stay a little inside the unit circle. */
    private static final double PARTIAL_LIMIT = 0.99;
    private static final int MAX_EVALUATIONS = 4000;
    private static final double INITIAL_RADIUS = 0.1;
    private static final double STOPPING_RADIUS = 1e-4;

    private ArimaEstimator() {}

    /** The exact maximum-likelihood fit of {@code order} to {@code y}. */
    public static ArimaModel fit(double[] y, ArimaOrder order) {
        return fit(y, order, true, null).model();
    }

    /** A fit and the partial autocorrelations it was found at, to start another search from. */
    record Fit(ArimaModel model, double[] partials) {}

    /**
     * @param exact exact likelihood, or conditional sum of squares
     * @param start partial autocorrelations to start from, or null for zero (white noise)
     */
    static Fit fit(double[] y, ArimaOrder order, boolean exact, double[] start) {
        double[] w = LagPolynomials.difference(y, LagPolynomials.differencing(order.d(), order.seasonalD(), order.period()));
        int arDegree = order.p() + order.seasonalP() * order.period();
        if (w.length <= arDegree + order.coefficientCount() + 1) {
            throw new IllegalArgumentException(order + ": too few observations (" + y.length + ")");
        }
        ToDoubleFunction<double[]> negativeLogLikelihood = partials -> {
            double logLikelihood = likelihood(w, order, partials, exact).logLikelihood();
            return Double.isFinite(logLikelihood) ? -logLikelihood : Double.MAX_VALUE;
        };
        int dimension = order.coefficientCount();
        double[] initial = start == null ? new double[dimension] : start.clone();
        double[] best = minimise(negativeLogLikelihood, initial);
        ArimaLikelihood.Result result = likelihood(w, order, best, exact);
        Coefficients c = Coefficients.of(order, best);
        // σ² on the residual degrees of freedom, as R's forecast::Arima reports it and forecasts with: the maximum-
        // likelihood value (what stats::arima reports) runs short by the estimated coefficients.
        int estimated = order.coefficientCount() + (order.constant() ? 1 : 0);
        double sigma2 = result.sigma2() * w.length / (w.length - estimated);
        ArimaModel model = new ArimaModel(ModelKind.ARIMA, order, c.ar, c.ma, c.seasonalAr, c.seasonalMa,
                order.constant() ? result.mean() : 0, sigma2, result.logLikelihood(), y.length);
        return new Fit(model, best);
    }

    /**
     * The partial autocorrelations {@code model}'s coefficients stand for, in the order p, q, P, Q: the point its fit
     * ended at, to start a refit of the same order from. Null when they fall outside the search's bounds (a model
     * that was not fitted here).
     */
    static double[] partials(ArimaModel model) {
        double[][] blocks = {model.ar(), negate(model.ma()), model.seasonalAr(), negate(model.seasonalMa())};
        double[] partials = new double[model.order().coefficientCount()];
        int at = 0;
        for (double[] block : blocks) {
            for (double partial : LagPolynomials.toPartialAutocorrelations(block)) {
                if (!(Math.abs(partial) <= PARTIAL_LIMIT + 1e-9)) {
                    return null;
                }
                partials[at++] = Math.max(-PARTIAL_LIMIT, Math.min(PARTIAL_LIMIT, partial));
            }
        }
        return partials;
    }

    /**
     * A start for fitting {@code to} from a fit of the neighbouring order {@code from}: each polynomial keeps its
     * leading partial autocorrelations, and a term {@code to} adds starts at zero. Dropping the last partial
     * autocorrelation of a polynomial is the best fit of one degree less to what it described (Durbin–Levinson).
     */
    static double[] startFrom(ArimaOrder from, double[] partials, ArimaOrder to) {
        int[] fromDegrees = {from.p(), from.q(), from.seasonalP(), from.seasonalQ()};
        int[] toDegrees = {to.p(), to.q(), to.seasonalP(), to.seasonalQ()};
        double[] start = new double[to.coefficientCount()];
        int fromAt = 0;
        int toAt = 0;
        for (int block = 0; block < fromDegrees.length; block++) {
            System.arraycopy(partials, fromAt, start, toAt, Math.min(fromDegrees[block], toDegrees[block]));
            fromAt += fromDegrees[block];
            toAt += toDegrees[block];
        }
        return start;
    }

    private static ArimaLikelihood.Result likelihood(double[] w, ArimaOrder order, double[] partials, boolean exact) {
        Coefficients c = Coefficients.of(order, partials);
        double[] phi = LagPolynomials.autoregressive(c.ar, c.seasonalAr, order.period());
        double[] theta = LagPolynomials.movingAverage(c.ma, c.seasonalMa, order.period());
        return exact ? ArimaLikelihood.exact(w, phi, theta, order.constant())
                : ArimaLikelihood.conditional(w, phi, theta, order.constant());
    }

    private static double[] minimise(ToDoubleFunction<double[]> objective, double[] start) {
        int dimension = start.length;
        if (dimension == 0) {
            return start;
        }
        BestPoint best = new BestPoint(objective);
        try {
            if (dimension == 1) {
                new BrentOptimizer(1e-8, 1e-10).optimize(new MaxEval(MAX_EVALUATIONS),
                        new UnivariateObjectiveFunction(x -> best.value(new double[] {x})), GoalType.MINIMIZE,
                        new SearchInterval(-PARTIAL_LIMIT, PARTIAL_LIMIT, start[0]));
            } else {
                double[] lower = new double[dimension];
                double[] upper = new double[dimension];
                Arrays.fill(lower, -PARTIAL_LIMIT);
                Arrays.fill(upper, PARTIAL_LIMIT);
                new BOBYQAOptimizer(2 * dimension + 1, INITIAL_RADIUS, STOPPING_RADIUS).optimize(
                        new MaxEval(MAX_EVALUATIONS), new ObjectiveFunction(best::value), GoalType.MINIMIZE,
                        new InitialGuess(start), new SimpleBounds(lower, upper));
            }
        } catch (MathIllegalStateException e) {
            // Out of evaluations on a flat likelihood: the best point seen so far is still a valid fit.
        }
        return best.point == null ? start : best.point;
    }

    /** Remembers the best point evaluated, whatever the optimiser returns or throws. */
    private static final class BestPoint {
        private final ToDoubleFunction<double[]> objective;
        private double[] point;
        private double value = Double.POSITIVE_INFINITY;

        BestPoint(ToDoubleFunction<double[]> objective) {
            this.objective = objective;
        }

        double value(double[] x) {
            double result = objective.applyAsDouble(x);
            if (result < value) {
                value = result;
                point = x.clone();
            }
            return result;
        }
    }

    /** The coefficients a vector of partial autocorrelations stands for, in the order p, q, P, Q. */
    private record Coefficients(double[] ar, double[] ma, double[] seasonalAr, double[] seasonalMa) {

        static Coefficients of(ArimaOrder order, double[] partials) {
            int at = 0;
            double[] ar = LagPolynomials.fromPartialAutocorrelations(Arrays.copyOfRange(partials, at, at += order.p()));
            double[] ma = negate(LagPolynomials.fromPartialAutocorrelations(
                    Arrays.copyOfRange(partials, at, at += order.q())));
            double[] seasonalAr = LagPolynomials.fromPartialAutocorrelations(
                    Arrays.copyOfRange(partials, at, at += order.seasonalP()));
            double[] seasonalMa = negate(LagPolynomials.fromPartialAutocorrelations(
                    Arrays.copyOfRange(partials, at, at + order.seasonalQ())));
            return new Coefficients(ar, ma, seasonalAr, seasonalMa);
        }
    }

    /** 1 + Σθ z^k is invertible exactly when 1 - Σ(-θ) z^k is stationary. */
    private static double[] negate(double[] values) {
        return Arrays.stream(values).map(v -> -v).toArray();
    }
}
