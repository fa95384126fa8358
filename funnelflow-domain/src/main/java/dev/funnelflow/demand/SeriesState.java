package dev.funnelflow.demand;

/**
 * What {@link SeriesForecaster} keeps per series between buckets (stored as is in Flink keyed state).
 *
 * @param history the last buckets, oldest first, at most the configured history length
 * @param model the current model, null until there are enough buckets to fit one
 * @param tracker the Kalman state of an ARIMA model, null for the short-history methods
 * @param sinceFit buckets appended since the model was fitted
 */
public record SeriesState(double[] history, ArimaModel model, TrackerState tracker, int sinceFit) {

    public static SeriesState empty() {
        return new SeriesState(new double[0], null, null, 0);
    }
}
