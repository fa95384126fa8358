package dev.funnelflow.demand;

import java.util.Arrays;

/**
 * Keeps a fitted ARIMA model current as observations arrive, without re-estimating it: each observation is one
 * Kalman filter step (O(r²), O(r) once the filter is steady; r = max(p + mP, q + mQ + 1)), and a forecast is
 * computed from the filtered state in O(h·r²).
 *
 * <p>The series is differenced on arrival ({@code d + D·m} recent values are kept) and the ARMA part filtered
 * (Box &amp; Jenkins 1976, ch. 5, for forecasting by difference equations). Forecast variances are exact given the
 * data: the state's remaining uncertainty plus the ψ-weights of the integrated model, {@code Var e_h = σ²(g_h' P g_h
 * + Σ_{k<h-1} Ψ_k²)}, which is what a Kalman filter over the full integrated state-space model gives (Durbin &amp;
 * Koopman 2012, §4.11) without its diffuse initial states.
 *
 * <p>It also watches its one-step errors: {@link #drifting} says when their exponentially weighted mean or mean
 * square has left what the model expects, the cue for a refit before the scheduled one.
 */
public final class ArimaTracker {

    /** Weight of the newest standardised error in the drift averages (an effective window of about 19 errors). */
    static final double SMOOTHING = 0.1;

    private final ArimaModel model;
    private final double[] phi;
    private final double[] rVector;
    private final double[] differencing;
    private final ArmaFilter filter;
    private final double[] state;
    private final double[] recent;
    private double errorMean;
    private double errorSquare;
    private int observed;

    private ArimaTracker(ArimaModel model, ArmaFilter filter, TrackerState saved) {
        if (model.kind() != ModelKind.ARIMA) {
            throw new IllegalArgumentException("only ARIMA models are tracked, not " + model.name());
        }
        this.model = model;
        this.filter = filter;
        int r = filter.dimension();
        this.phi = Arrays.copyOf(model.arPolynomial(), r);
        double[] theta = model.maPolynomial();
        this.rVector = new double[r];
        rVector[0] = 1;
        System.arraycopy(theta, 0, rVector, 1, theta.length);
        ArimaOrder order = model.order();
        this.differencing = LagPolynomials.differencing(order.d(), order.seasonalD(), order.period());
        this.state = saved.state().clone();
        this.recent = saved.recent().clone();
        this.errorMean = saved.errorMean();
        this.errorSquare = saved.errorSquare();
        this.observed = saved.observed();
    }

    /** A tracker that has filtered {@code history}, ready to forecast what follows it. */
    public static ArimaTracker start(ArimaModel model, double[] history) {
        int lost = model.order().differencingDegree();
        if (history.length <= lost) {
            throw new IllegalArgumentException(model.name() + " needs more than " + lost + " observations");
        }
        ArmaFilter filter = ArmaFilter.stationary(model.arPolynomial(), model.maPolynomial());
        double[] recent = new double[lost];
        for (int k = 0; k < lost; k++) {
            recent[k] = history[lost - 1 - k];
        }
        ArimaTracker tracker = new ArimaTracker(model, filter,
                new TrackerState(new double[filter.dimension()], null, false, recent, 0, 1, 0));
        for (int t = lost; t < history.length; t++) {
            tracker.filter(history[t]);
        }
        return tracker;
    }

    /** A tracker continuing from a saved state of one started with the same model. */
    public static ArimaTracker resume(ArimaModel model, TrackerState saved) {
        ArmaFilter filter = ArmaFilter.resume(model.arPolynomial(), model.maPolynomial(), saved.covariance(),
                saved.steady());
        return new ArimaTracker(model, filter, saved);
    }

    /** Takes the next observation: one Kalman step, and the one-step error into the drift averages. */
    public void observe(double y) {
        double standardised = filter(y);
        errorMean += SMOOTHING * (standardised - errorMean);
        errorSquare += SMOOTHING * (standardised * standardised - errorSquare);
        observed++;
    }

    /** Filters one observation; returns its standardised one-step prediction error. */
    private double filter(double y) {
        double w = y - model.constant();
        for (int k = 0; k < differencing.length; k++) {
            w -= differencing[k] * recent[k];
        }
        double variance = filter.predictionVariance();
        double innovation = w - state[0];
        filter.advanceState(state, innovation);
        filter.advanceCovariance();
        if (recent.length > 0) {
            System.arraycopy(recent, 0, recent, 1, recent.length - 1);
            recent[0] = y;
        }
        return model.sigma2() > 0 ? innovation / Math.sqrt(model.sigma2() * variance) : 0;
    }

    /**
     * Whether the one-step errors since the fit have drifted from the model: after a warm-up of {@code 1/SMOOTHING}
     * observations, their exponentially weighted mean or mean square is more than {@code threshold} of its own
     * standard deviations (under the model: {@code √(λ/(2-λ))} and {@code √(2λ/(2-λ))}) from 0 and 1.
     */
    public boolean drifting(double threshold) {
        if (observed < 1 / SMOOTHING) {
            return false;
        }
        double meanSd = Math.sqrt(SMOOTHING / (2 - SMOOTHING));
        double squareSd = Math.sqrt(2 * SMOOTHING / (2 - SMOOTHING));
        return Math.abs(errorMean) > threshold * meanSd || errorSquare - 1 > threshold * squareSd;
    }

    /** Observations taken since the model was fitted. */
    public int observed() {
        return observed;
    }

    /** Forecasts of the next {@code horizon} observations with Gaussian 80% and 95% intervals. */
    public Forecast forecast(int horizon) {
        int r = phi.length;
        int lags = differencing.length;
        double[] mean = new double[horizon];
        double[] x = state.clone();
        for (int j = 0; j < horizon; j++) {
            double value = model.constant() + x[0];
            for (int k = 0; k < lags; k++) {
                int earlier = j - 1 - k;
                value += differencing[k] * (earlier >= 0 ? mean[earlier] : recent[-earlier - 1]);
            }
            mean[j] = value;
            predict(x);
        }

        // Error of step j: g_j'(state error) + Σ Ψ_k e_{j-k}, with u_j = e₁'T^(j-1) and both sides integrated.
        double[] p = filter.covariance();
        double[][] g = new double[horizon][];
        double[] psi = new double[horizon];
        double[] u = new double[r];
        u[0] = 1;
        double shocks = 0;
        double[] standardError = new double[horizon];
        for (int j = 0; j < horizon; j++) {
            double[] gj = u.clone();
            double psiJ = dot(u, rVector);
            for (int k = 0; k < lags && j - 1 - k >= 0; k++) {
                double c = differencing[k];
                if (c != 0) {
                    double[] earlier = g[j - 1 - k];
                    for (int i = 0; i < r; i++) {
                        gj[i] += c * earlier[i];
                    }
                    psiJ += c * psi[j - 1 - k];
                }
            }
            g[j] = gj;
            psi[j] = psiJ;
            double variance = quadraticForm(gj, p) + shocks;
            standardError[j] = Math.sqrt(Math.max(0, model.sigma2() * variance));
            shocks += psiJ * psiJ;
            u = timesT(u);
        }
        return Forecast.of(mean, standardError, Forecast.Z80, Forecast.Z95);
    }

    /** A copy of what this tracker keeps, to resume it later. */
    public TrackerState state() {
        return new TrackerState(state.clone(), filter.covariance(), filter.steady(), recent.clone(), errorMean,
                errorSquare, observed);
    }

    /** x ← T x. */
    private void predict(double[] x) {
        double first = x[0];
        for (int i = 0; i < x.length - 1; i++) {
            x[i] = phi[i] * first + x[i + 1];
        }
        x[x.length - 1] = phi[x.length - 1] * first;
    }

    /** u' T for a row vector u. */
    private double[] timesT(double[] u) {
        double[] out = new double[u.length];
        out[0] = dot(u, phi);
        System.arraycopy(u, 0, out, 1, u.length - 1);
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double quadraticForm(double[] v, double[] matrix) {
        int r = v.length;
        double sum = 0;
        for (int i = 0; i < r; i++) {
            if (v[i] != 0) {
                double row = 0;
                for (int j = 0; j < r; j++) {
                    row += matrix[i * r + j] * v[j];
                }
                sum += v[i] * row;
            }
        }
        return sum;
    }
}
