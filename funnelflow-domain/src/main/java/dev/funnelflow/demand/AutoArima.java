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
        return refit(y, null);
    }

    /**
     * The selected model for {@code y}, warm-started from {@code previous}, the model selected on an earlier version
     * of the series (null or a short-history method: the full search of {@link #fit}). When the differencing decided
     * on {@code y} is still the previous model's, the search starts at the previous order, fitted from the previous
     * coefficients, and walks the same stepwise moves from there, each neighbour starting from the coefficients of
     * the model it neighbours; it ends at once when no neighbour improves the AICc. So a re-selection whose order
     * stays best fits that model and its neighbours instead of the four starting models and the walk, each from a
     * nearby start. The result is a stepwise optimum as the full search's is, though not always the same one: on a
     * year of hourly retail sales it was the same model in 19 of 31 re-selections, with a lower AICc in 8.
     */
    public ArimaModel refit(double[] y, ArimaModel previous) {
        return select(y, previous).model();
    }

    /** A selected model and how many ARIMA fits (likelihood maximisations) it took. */
    record Selection(ArimaModel model, int fits) {}

    /** {@link #refit}, saying how much work it took. */
    Selection select(double[] y, ArimaModel previous) {
        if (!searches(y)) {
            return new Selection(y.length >= ShortHistory.MIN_POINTS && Kpss.isConstant(y) ? ShortHistory.mean(y)
                    : ShortHistory.fit(y), 0);
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

        double[] previousPartials = warmStart(previous, limits, d, seasonalD, m);
        if (previousPartials != null) {
            search.reconsider(previous.order(), previousPartials);
        }
        if (search.best == null) {
            considerStartingModels(search, limits, d, seasonalD, m, constant);
        }
        boolean improved = search.best != null;
        while (improved) {
            improved = false;
            for (ArimaOrder next : neighbours(search.best.order(), limits, constant)) {
                if (search.consider(next, previousPartials == null ? null
                        : ArimaEstimator.startFrom(search.best.order(), search.best.fit().partials(), next))) {
                    improved = true;
                    break;
                }
            }
        }
        ArimaModel chosen = search.exactBest();
        return new Selection(chosen != null ? chosen : ShortHistory.fit(y), search.fits);
    }

    /**
     * The previous model's coefficients as a start for refitting its order, or null when its order is not a
     * candidate now: another differencing, season or constant rule, or past the limits of a shorter series.
     */
    private static double[] warmStart(ArimaModel previous, Limits limits, int d, int seasonalD, int m) {
        if (previous == null || previous.kind() != ModelKind.ARIMA) {
            return null;
        }
        ArimaOrder order = previous.order();
        boolean candidate = order.d() == d && order.seasonalD() == seasonalD && order.period() == m
                && order.p() <= limits.p() && order.q() <= limits.q() && order.seasonalP() <= limits.seasonalP()
                && order.seasonalQ() <= limits.seasonalQ();
        return candidate ? ArimaEstimator.partials(previous) : null;
    }

    /** The four starting models of Hyndman &amp; Khandakar, and (0,d,0)(0,D,0) without the constant. */
    private static void considerStartingModels(Search search, Limits limits, int d, int seasonalD, int m,
            boolean constant) {
        int p1 = Math.min(1, limits.p());
        int q1 = Math.min(1, limits.q());
        int seasonalP1 = Math.min(1, limits.seasonalP());
        int seasonalQ1 = Math.min(1, limits.seasonalQ());
        search.consider(new ArimaOrder(Math.min(2, limits.p()), d, Math.min(2, limits.q()), seasonalP1, seasonalD,
                seasonalQ1, m, constant), null);
        search.consider(new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, constant), null);
        if (p1 + seasonalP1 > 0) {
            search.consider(new ArimaOrder(p1, d, 0, seasonalP1, seasonalD, 0, m, constant), null);
        }
        if (q1 + seasonalQ1 > 0) {
            search.consider(new ArimaOrder(0, d, q1, 0, seasonalD, seasonalQ1, m, constant), null);
        }
        if (constant) {
            search.consider(new ArimaOrder(0, d, 0, 0, seasonalD, 0, m, false), null);
        }
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
        /** The order selected last time and its coefficients (partial autocorrelations), when warm-started. */
        private ArimaOrder previousOrder;
        private double[] previousOptimum;
        private Candidate best;
        private int fits;

        Search(double[] y, boolean approximate) {
            this.y = y;
            this.approximate = approximate;
        }

        /**
         * Fits {@code order}, from {@code start} (partial autocorrelations; null for white noise), unless already
         * tried or out of budget; true when it is the new best.
         */
        boolean consider(ArimaOrder order, double[] start) {
            if (tried.containsKey(order) || tried.size() >= MAX_MODELS) {
                return false;
            }
            Candidate candidate = evaluate(order, start);
            tried.put(order, candidate);
            if (candidate.aicc() < Double.POSITIVE_INFINITY && (best == null || candidate.aicc() < best.aicc())) {
                best = candidate;
                return true;
            }
            return false;
        }

        /**
         * Fits the order of the model selected last time from its coefficients ({@code previous}: partial
         * autocorrelations), as its exact refit will when searched approximately.
         */
        void reconsider(ArimaOrder order, double[] previous) {
            previousOrder = order;
            previousOptimum = previous;
            consider(order, previous);
        }

        private Candidate evaluate(ArimaOrder order, double[] start) {
            try {
                fits++;
                ArimaEstimator.Fit fit = ArimaEstimator.fit(y, order, !approximate, start);
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
                fits++;
                ArimaModel exact = ArimaEstimator.fit(y, candidate.order(), true,
                        candidate.order().equals(previousOrder) ? previousOptimum : candidate.fit().partials()).model();
                if (admissible(exact)) {
                    return exact;
                }
            }
            return null;
        }
    }
}
