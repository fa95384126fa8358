package dev.funnelflow.demand;

import java.util.Arrays;

/**
 * Keeps the forecast of one series current as its buckets close. A new bucket costs one Kalman step and a forecast
 * ({@link ArimaTracker}); the model is re-selected ({@link AutoArima}) only every {@code refitEvery} buckets, when the
 * one-step errors drift, or while the history is short (the simple methods are cheap to refit). A revised past bucket
 * (late data) re-runs the filter over the history with the same model.
 */
public final class SeriesForecaster {

    private final AutoArima selection;
    private final int historyLength;
    private final int horizon;
    private final int refitEvery;
    private final double driftThreshold;

    /**
     * @param period season length in buckets, 1 for none
     * @param historyLength buckets kept and fitted on
     * @param horizon buckets forecast
     * @param refitEvery buckets between scheduled re-selections
     * @param driftThreshold see {@link ArimaTracker#drifting}
     */
    public SeriesForecaster(int period, int historyLength, int horizon, int refitEvery, double driftThreshold) {
        if (historyLength < ShortHistory.MIN_POINTS || horizon < 1 || refitEvery < 1 || driftThreshold <= 0) {
            throw new IllegalArgumentException("invalid forecaster settings: history " + historyLength + ", horizon "
                    + horizon + ", refit every " + refitEvery + ", drift threshold " + driftThreshold);
        }
        this.selection = new AutoArima(period);
        this.historyLength = historyLength;
        this.horizon = horizon;
        this.refitEvery = refitEvery;
        this.driftThreshold = driftThreshold;
    }

    /**
     * The outcome of one bucket.
     *
     * @param forecast null while the history is too short to forecast from
     * @param refitted whether the model was (re-)selected for this bucket
     */
    public record Step(SeriesState state, Forecast forecast, boolean refitted) {

        public ArimaModel model() {
            return state.model();
        }
    }

    /** Takes the value of the bucket after the last one in {@code state}. */
    public Step append(SeriesState state, double value) {
        double[] history = Arrays.copyOfRange(state.history(), Math.max(0, state.history().length + 1 - historyLength),
                state.history().length + 1);
        history[history.length - 1] = value;
        ArimaModel model = state.model();
        if (model != null && model.kind() == ModelKind.ARIMA && state.sinceFit() + 1 < refitEvery) {
            ArimaTracker tracker = ArimaTracker.resume(model, state.tracker());
            tracker.observe(value);
            if (!tracker.drifting(driftThreshold)) {
                return new Step(new SeriesState(history, model, tracker.state(), state.sinceFit() + 1),
                        tracker.forecast(horizon), false);
            }
        }
        return refit(history);
    }

    /** Replaces the bucket {@code age} buckets before the newest (0 = the newest) and forecasts again. */
    public Step revise(SeriesState state, int age, double value) {
        double[] history = state.history().clone();
        if (age < 0 || age >= history.length) {
            throw new IllegalArgumentException("no bucket " + age + " back in a history of " + history.length);
        }
        history[history.length - 1 - age] = value;
        ArimaModel model = state.model();
        if (model == null || model.kind() != ModelKind.ARIMA) {
            return refit(history);
        }
        ArimaTracker tracker = ArimaTracker.start(model, history);
        return new Step(new SeriesState(history, model, tracker.state(), state.sinceFit()), tracker.forecast(horizon),
                false);
    }

    private Step refit(double[] history) {
        if (history.length < ShortHistory.MIN_POINTS) {
            return new Step(new SeriesState(history, null, null, 0), null, false);
        }
        ArimaModel model = selection.fit(history);
        if (model.kind() != ModelKind.ARIMA) {
            return new Step(new SeriesState(history, model, null, 0), model.forecast(history, horizon), true);
        }
        ArimaTracker tracker = ArimaTracker.start(model, history);
        return new Step(new SeriesState(history, model, tracker.state(), 0), tracker.forecast(horizon), true);
    }
}
