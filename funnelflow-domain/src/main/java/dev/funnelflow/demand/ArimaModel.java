package dev.funnelflow.demand;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted forecasting model: an ARIMA order with its coefficients, or one of the short-history methods of
 * {@link ModelKind}. Immutable; also stored as is in Flink keyed state (a record of supported types).
 *
 * @param ar regular AR coefficients φ₁…φ_p of {@code 1 - Σ φ_i B^i}
 * @param ma regular MA coefficients θ₁…θ_q of {@code 1 + Σ θ_i B^i} (R's sign convention)
 * @param seasonalAr seasonal AR coefficients Φ₁…Φ_P (of {@code B^m}, {@code B^2m}, …)
 * @param seasonalMa seasonal MA coefficients Θ₁…Θ_Q
 * @param constant mean or drift of the differenced series when {@code order.constant()}, else 0
 * @param sigma2 innovation variance, estimated on the residual degrees of freedom (n - coefficients)
 * @param logLikelihood maximised Gaussian log-likelihood of the differenced series
 * @param fittedPoints length of the series the model was fitted on, before differencing
 */
public record ArimaModel(
        ModelKind kind,
        ArimaOrder order,
        double[] ar,
        double[] ma,
        double[] seasonalAr,
        double[] seasonalMa,
        double constant,
        double sigma2,
        double logLikelihood,
        int fittedPoints) {

    public ArimaModel {
        if (ar.length != order.p() || ma.length != order.q() || seasonalAr.length != order.seasonalP()
                || seasonalMa.length != order.seasonalQ()) {
            throw new IllegalArgumentException("coefficients do not match the order " + order);
        }
    }

    /** The name that says what was fitted, e.g. {@code ARIMA(0,1,1)(0,1,1)[12]} or {@code naive (short history)}. */
    public String name() {
        return kind == ModelKind.ARIMA ? order.toString() : kind.name().toLowerCase() + " (short history)";
    }

    /** Observations the likelihood was computed on: the series after differencing. */
    public int observations() {
        return fittedPoints - order.differencingDegree();
    }

    /** Estimated parameters, σ² included (the count behind AIC). */
    public int parameterCount() {
        return order.coefficientCount() + (order.constant() ? 1 : 0) + 1;
    }

    /** Akaike's information criterion, {@code -2 log L + 2k}. */
    public double aic() {
        return -2 * logLikelihood + 2 * parameterCount();
    }

    /** AIC corrected for small samples (Hurvich &amp; Tsai 1989), the criterion of Hyndman &amp; Khandakar's search. */
    public double aicc() {
        int k = parameterCount();
        int n = observations();
        return n - k - 1 > 0 ? aic() + 2.0 * k * (k + 1) / (n - k - 1) : Double.POSITIVE_INFINITY;
    }

    /** Coefficients by R's names: ar1…, ma1…, sar1…, sma1…, then mean or drift, then sigma2. */
    public Map<String, Double> params() {
        Map<String, Double> params = new LinkedHashMap<>();
        put(params, "ar", ar);
        put(params, "ma", ma);
        put(params, "sar", seasonalAr);
        put(params, "sma", seasonalMa);
        if (order.constant()) {
            params.put(order.constantIsDrift() ? "drift" : "mean", constant);
        }
        params.put("sigma2", sigma2);
        return params;
    }

    private static void put(Map<String, Double> params, String prefix, double[] values) {
        for (int i = 0; i < values.length; i++) {
            params.put(prefix + (i + 1), values[i]);
        }
    }

    /** The multiplied-out AR polynomial {@code φ(B)Φ(B^m) = 1 - Σ c_k B^k}. */
    double[] arPolynomial() {
        return LagPolynomials.autoregressive(ar, seasonalAr, order.period());
    }

    /** The multiplied-out MA polynomial {@code θ(B)Θ(B^m) = 1 + Σ c_k B^k}. */
    double[] maPolynomial() {
        return LagPolynomials.movingAverage(ma, seasonalMa, order.period());
    }

    /** Forecasts the {@code horizon} steps after {@code history}, the series this model was fitted on or a longer one. */
    public Forecast forecast(double[] history, int horizon) {
        return kind == ModelKind.ARIMA
                ? ArimaTracker.start(this, history).forecast(horizon)
                : ShortHistory.forecast(this, history, horizon);
    }
}
