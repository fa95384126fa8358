package dev.funnelflow.alerts.churn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximum-likelihood estimation of the BG/NBD parameters (Fader, Hardie and Lee 2005) with Hipparchus'
 * Nelder–Mead simplex over the logarithms of (r, α, a, b), which keeps them positive without constraints.
 * Customers with the same (x, t_x, T) are evaluated once and weighted, which matters for day-granular
 * histories.
 */
public final class BgNbdFitter {

    /** Starting points: the paper's CDNOW estimates and neutral values; the best optimum wins. */
    private static final double[][] STARTS = {{0.243, 4.414, 0.793, 2.426}, {1, 1, 1, 1}, {0.5, 10, 0.5, 5}};
    private static final int MAX_EVALUATIONS = 20_000;

    private record Group(CustomerHistory history, int count) {}

    public BgNbdFit fit(Collection<CustomerHistory> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("no customers to fit");
        }
        List<Group> groups = group(customers);
        ObjectiveFunction negativeLogLikelihood = new ObjectiveFunction(logParams -> -total(groups, logParams));
        PointValuePair best = null;
        int evaluations = 0;
        for (double[] start : STARTS) {
            double[] guess = new double[4];
            for (int i = 0; i < 4; i++) {
                guess[i] = Math.log(start[i]);
            }
            // A restart from the optimum guards against the simplex collapsing early (a known Nelder–Mead habit).
            for (int round = 0; round < 2; round++) {
                SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-8);
                PointValuePair result = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), negativeLogLikelihood,
                        GoalType.MINIMIZE, new InitialGuess(guess), new NelderMeadSimplex(4, 0.5));
                evaluations += optimizer.getEvaluations();
                guess = result.getPoint();
                if (best == null || result.getValue() < best.getValue()) {
                    best = result;
                }
            }
        }
        double[] point = best.getPoint();
        BgNbdParameters parameters =
                new BgNbdParameters(Math.exp(point[0]), Math.exp(point[1]), Math.exp(point[2]), Math.exp(point[3]));
        return new BgNbdFit(parameters, -best.getValue(), customers.size(), evaluations);
    }

    /** Total log-likelihood of {@code customers} under {@code parameters}. */
    public static double totalLogLikelihood(BgNbdParameters parameters, Collection<CustomerHistory> customers) {
        return total(group(customers), new double[] {Math.log(parameters.r()), Math.log(parameters.alpha()),
                Math.log(parameters.a()), Math.log(parameters.b())});
    }

    private static double total(List<Group> groups, double[] logParams) {
        double r = Math.exp(logParams[0]);
        double alpha = Math.exp(logParams[1]);
        double a = Math.exp(logParams[2]);
        double b = Math.exp(logParams[3]);
        if (!Double.isFinite(r + alpha + a + b) || r * alpha * a * b == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        int x = -1;
        double lnA1A2 = 0;
        for (Group group : groups) { // sorted by x: the Gamma-function terms depend on x alone
            CustomerHistory c = group.history();
            if (c.x() != x) {
                x = c.x();
                lnA1A2 = BgNbdLikelihood.lnA1A2(r, alpha, a, b, x);
            }
            sum += group.count() * (lnA1A2 + BgNbdLikelihood.lnTimeTerms(r, alpha, a, b, x, c.tx(), c.t()));
        }
        return Double.isNaN(sum) ? Double.NEGATIVE_INFINITY : sum;
    }

    private static List<Group> group(Collection<CustomerHistory> customers) {
        Map<CustomerHistory, Integer> counts = new HashMap<>();
        for (CustomerHistory c : customers) {
            counts.merge(c, 1, Integer::sum);
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((history, count) -> groups.add(new Group(history, count)));
        groups.sort(Comparator.comparingInt(g -> g.history().x()));
        return groups;
    }
}
