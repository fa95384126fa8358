package dev.funnelflow.demand;

/**
 * What produced a forecast: a selected ARIMA model, or one of the simple methods used while a history is too short
 * to identify one (Hyndman &amp; Athanasopoulos, "Forecasting: Principles and Practice", 3rd ed., §5.2). Each
 * simple method is itself an ARIMA special case: mean = ARIMA(0,0,0) with mean, naive = ARIMA(0,1,0), drift =
 * ARIMA(0,1,0) with drift; their intervals also count the uncertainty of the estimated mean or drift.
 */
public enum ModelKind {
    ARIMA,
    MEAN,
    NAIVE,
    DRIFT
}
