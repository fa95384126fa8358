package dev.funnelflow.demand;

/**
 * The order of a seasonal ARIMA(p,d,q)(P,D,Q)m model (Box &amp; Jenkins 1976, "Time Series Analysis: Forecasting and
 * Control", ch. 9): {@code φ(B) Φ(B^m) (1-B)^d (1-B^m)^D (y_t - c) = θ(B) Θ(B^m) e_t}. With {@code constant}, the
 * differenced series has a non-zero mean: a level when {@code d + D = 0}, a drift when {@code d + D = 1}; with more
 * differencing a constant would be a polynomial trend, which is not allowed (as in R's {@code auto.arima}).
 *
 * @param period season length m in observations; 1 for a non-seasonal model
 */
public record ArimaOrder(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, int period,
        boolean constant) {

    public ArimaOrder {
        if (p < 0 || d < 0 || q < 0 || seasonalP < 0 || seasonalD < 0 || seasonalQ < 0 || period < 1) {
            throw new IllegalArgumentException("orders must be >= 0 and the period >= 1: " + this);
        }
        if (period == 1 && seasonalP + seasonalD + seasonalQ > 0) {
            throw new IllegalArgumentException("a seasonal part needs a period >= 2: " + this);
        }
        if (constant && d + seasonalD > 1) {
            throw new IllegalArgumentException("a constant needs d + D <= 1: " + this);
        }
    }

    /** A non-seasonal ARIMA(p,d,q). */
    public static ArimaOrder of(int p, int d, int q, boolean constant) {
        return new ArimaOrder(p, d, q, 0, 0, 0, 1, constant);
    }

    /** A seasonal ARIMA(p,d,q)(P,D,Q)m. */
    public static ArimaOrder seasonal(int p, int d, int q, int seasonalP, int seasonalD, int seasonalQ, int period,
            boolean constant) {
        return new ArimaOrder(p, d, q, seasonalP, seasonalD, seasonalQ, period, constant);
    }

    public boolean isSeasonal() {
        return seasonalP + seasonalD + seasonalQ > 0;
    }

    /** Whether the constant is a drift (one difference) rather than a mean. */
    public boolean constantIsDrift() {
        return d + seasonalD == 1;
    }

    /** Degree of the differencing polynomial: observations lost to differencing. */
    public int differencingDegree() {
        return d + seasonalD * period;
    }

    /** ARMA coefficients to estimate (the constant and σ² not counted). */
    public int coefficientCount() {
        return p + q + seasonalP + seasonalQ;
    }

    ArimaOrder withOrders(int newP, int newQ, int newSeasonalP, int newSeasonalQ, boolean newConstant) {
        return new ArimaOrder(newP, d, newQ, newSeasonalP, seasonalD, newSeasonalQ, period, newConstant);
    }

    /** R's notation, e.g. {@code ARIMA(0,1,1)(0,1,1)[12]} or {@code ARIMA(1,1,0) with drift}. */
    @Override
    public String toString() {
        StringBuilder name = new StringBuilder("ARIMA(").append(p).append(',').append(d).append(',').append(q).append(')');
        if (isSeasonal()) {
            name.append('(').append(seasonalP).append(',').append(seasonalD).append(',').append(seasonalQ)
                    .append(")[").append(period).append(']');
        }
        if (constant) {
            name.append(constantIsDrift() ? " with drift" : " with non-zero mean");
        }
        return name.toString();
    }
}
