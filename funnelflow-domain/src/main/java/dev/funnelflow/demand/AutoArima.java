package dev.funnelflow.demand;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Automatic ARIMA model selection by the stepwise algorithm of Hyndman &amp; Khandakar (2008), "Automatic time
 * series forecasting: the forecast package for R", J. Statistical Software 27(3), as R's {@code auto.arima}:
 * <ol>
 *   <li>D: one seasonal difference when the seasonal strength exceeds 0.64 ({@link SeasonalStrength});
 *   <li>d: first differences while the KPSS test rejects stationarity ({@link Kpss}), at most two;
 *   <li>fit four starting models, ARIMA(2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0), (0,d,1)(0,D,1), with a
 *       constant when d + D &lt;= 1 (and (0,d,0)(0,D,0) without);
 *   <li>move to the first neighbour with lower AICc, in {@code auto.arima}'s order: P, Q by ±1 (P−1, Q−1, P+1,
 *       Q+1, then in pairs), the same for p, q, then the constant; until none improves. Fits with AR or MA roots
 *       within 1.01 of the unit circle are rejected.
 * </ol>
 * The orders are bounded as in {@code auto.arima}: p, q ≤ 5, P, Q ≤ 2, none above a third of the series (P and Q in
 * seasons), and p, q below m when there are seasonal terms. So a seasonal difference is considered from more than
 * two full seasons of history, seasonal AR and MA terms from three. Series longer than 150 points and long seasons
 * (m &gt; 12) are searched with the conditional sum of squares likelihood and the chosen model is refitted exactly,
 * as {@code auto.arima} does. Series shorter than {@value #MIN_ARIMA_POINTS} points get a simple method
 * ({@link ModelKind}).
 */
public final class AutoArima {

    static final int MIN_ARIMA_POINTS = 20;
    private static final int MAX_P = 5;
    private static final int MAX_Q = 5;
    private static final int MAX_SEASONAL_P = 2;
    private static final int MAX_SEASONAL_Q = 2;
    private static final int MAX_D = 2;
    private static final int MAX_MODELS = 94;
    private static final double MIN_ROOT_MODULUS = 1.01;

    private final int period;

    /** @param period season length in observations (e.g. 24 for hourly, 7 for daily, 12 for monthly), 1 for none */
    public AutoArima(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, got " + period);
        }
        this.period = period;
    }

    /**
     * Whether {@link #fit} of {@code y} runs the order search (milliseconds to seconds) rather than a simple method
     * (microseconds): callers that must not block run only those elsewhere.
     */
    public boolean searches(double[] y) {
        return y.length >= MIN_ARIMA_POINTS && !Kpss.isConstant(y);
    }

    /** The selected model for {@code y}; at least two observations. */
    public ArimaModel fit(double[] y) {
        if (!searches(y)) {
            return y.length >= ShortHistory.MIN_POINTS && Kpss.isConstant(y) ? ShortHistory.mean(y) : ShortHistory.fit(y);
        }
        int n = y.length;
        // auto.arima's limits: a seasonal difference from two full seasons, seasonal AR or MA terms from three (no
        // order above a third of the series), and regular orders below the season when there are seasonal ones.
        int m = period > 1 && n > 2 * period ? period : 1;
        int maxSeasonalP = m > 1 ? Math.min(MAX_SEASONAL_P, n / (3 * m)) : 0;
        int maxSeasonalQ = m > 1 ? Math.min(MAX_SEASONAL_Q, n / (3 * m)) : 0;
        Limits limits = new Limits(Math.min(maxSeasonalP > 0 ? m - 1 : MAX_P, Math.min(MAX_P, n / 3)),
                Math.min(maxSeasonalQ > 0 ? m - 1 : MAX_Q, Math.min(MAX_Q, n / 3)), maxSeasonalP, maxSeasonalQ);
        int seasonalD = m > 1 && SeasonalStrength.of(y, m) > SeasonalStrength.THRESHOLD ? 1 : 0;
        double[] x = LagPolynomials.difference(y, LagPolynomials.differencing(0, seasonalD, m));
        int d = Kpss.differences(x, MAX_D);
        boolean constant = d + seasonalD <= 1;
        Search search = new Search(y, n > 150 || m > 12);

        int p1 = Math.min(1, limits.p());
        int q1 = Math.min(1, limits.q());
        int seasonalP1 = Math.min(1, limits.seasonalP());
        int seasonalQ1 = Math.min(1, limits.seasonalQ());
        search.consider(new ArimaOrder(Math.min(2, limits.p()), d, Math.min(2, limits.q()), seasonalP1, seasonalD,
                seasonalQ1, m, constant));
        search.consider(new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, constant));
        if (p1 + seasonalP1 > 0) {
            search.consider(new ArimaOrder(p1, d, 0, seasonalP1, seasonalD, 0, m, constant));
        }
        if (q1 + seasonalQ1 > 0) {
            search.consider(new ArimaOrder(0, d, q1, 0, seasonalD, seasonalQ1, m, constant));
        }
        if (constant) {
            search.consider(new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, false));
        }
        boolean improved = search.best != null;
        while (improved) {
            improved = false;
            for (ArimaOrder next : neighbours(search.best.order(), limits, constant)) {
                if (search.consider(next)) {
                    improved = true;
                    break;
                }
            }
        }
        ArimaModel chosen = search.exactBest();
        return chosen != null ? chosen : ShortHistory.fit(y);
    }

    /** Highest orders the search may reach. */
    private record Limits(int p, int q, int seasonalP, int seasonalQ) {}

    /** The stepwise moves of {@code auto.arima}, in its order: the first that improves is taken. */
    private static List<ArimaOrder> neighbours(ArimaOrder o, Limits limits, boolean constantAllowed) {
        int[][] moves = {{-1, 0}, {0, -1}, {1, 0}, {0, 1}, {-1, -1}, {-1, 1}, {1, -1}, {1, 1}};
        List<ArimaOrder> out = new ArrayList<>();
        for (int[] move : moves) {
            int sp = o.seasonalP() + move[0];
            int sq = o.seasonalQ() + move[1];
            if (sp >= 0 && sp <= limits.seasonalP() && sq >= 0 && sq <= limits.seasonalQ()) {
                out.add(o.withOrders(o.p(), o.q(), sp, sq, o.constant()));
            }
        }
        for (int[] move : moves) {
            int p = o.p() + move[0];
            int q = o.q() + move[1];
            if (p >= 0 && p <= limits.p() && q >= 0 && q <= limits.q()) {
                out.add(o.withOrders(p, q, o.seasonalP(), o.seasonalQ(), o.constant()));
            }
        }
        if (constantAllowed) {
            out.add(o.withOrders(o.p(), o.q(), o.seasonalP(), o.seasonalQ(), !o.constant()));
        }
        return out;
    }

    /** Whether a fit is usable: finite, and its AR and MA factors' roots clear of the unit circle. */
    static boolean admissible(ArimaModel model) {
        int m = model.order().period();
        return Double.isFinite(model.logLikelihood()) && model.sigma2() > 0
                && LagPolynomials.smallestRootModulus(model.ar(), -1) > MIN_ROOT_MODULUS
                && LagPolynomials.smallestRootModulus(model.ma(), 1) > MIN_ROOT_MODULUS
                // A root u of Φ(u) is a root of Φ(B^m) at |B| = |u|^(1/m).
                && Math.pow(LagPolynomials.smallestRootModulus(model.seasonalAr(), -1), 1.0 / m) > MIN_ROOT_MODULUS
                && Math.pow(LagPolynomials.smallestRootModulus(model.seasonalMa(), 1), 1.0 / m) > MIN_ROOT_MODULUS;
    }

    /** The models fitted so far and the best by AICc. */
    private static final class Search {

        private record Candidate(ArimaOrder order, ArimaEstimator.Fit fit, double aicc) {}

        private final double[] y;
        private final boolean approximate;
        private final Map<ArimaOrder, Candidate> tried = new LinkedHashMap<>();
        private Candidate best;

        Search(double[] y, boolean approximate) {
            this.y = y;
            this.approximate = approximate;
        }

        /** Fits {@code order} unless already tried or out of budget; true when it is the new best. */
        boolean consider(ArimaOrder order) {
            if (tried.containsKey(order) || tried.size() >= MAX_MODELS) {
                return false;
            }
            Candidate candidate = evaluate(order);
            tried.put(order, candidate);
            if (candidate.aicc() < Double.POSITIVE_INFINITY && (best == null || candidate.aicc() < best.aicc())) {
                best = candidate;
                return true;
            }
            return false;
        }

        private Candidate evaluate(ArimaOrder order) {
            try {
                ArimaEstimator.Fit fit = ArimaEstimator.fit(y, order, !approximate, null);
                return new Candidate(order, fit, admissible(fit.model()) ? fit.model().aicc() : Double.POSITIVE_INFINITY);
            } catch (IllegalArgumentException tooShort) {
                return new Candidate(order, null, Double.POSITIVE_INFINITY);
            }
        }

        /** The best model by exact likelihood: when searched approximately, the best candidate that refits well. */
        ArimaModel exactBest() {
            if (best == null) {
                return null;
            }
            if (!approximate) {
                return best.fit().model();
            }
            List<Candidate> ranked = tried.values().stream()
                    .filter(c -> c.aicc() < Double.POSITIVE_INFINITY)
                    .sorted(Comparator.comparingDouble(Candidate::aicc))
                    .toList();
            for (Candidate candidate : ranked) {
                ArimaModel exact = ArimaEstimator.fit(y, candidate.order(), true, candidate.fit().partials()).model();
                if (admissible(exact)) {
                    return exact;
                }
            }
            return null;
        }
    }
}
