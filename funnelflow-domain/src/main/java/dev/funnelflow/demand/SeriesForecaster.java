package dev.funnelflow.demand;

import java.util.Arrays;

/**
 * Keeps the forecast of one series current as its buckets close. A new bucket costs one Kalman step and a forecast
 * ({@link ArimaTracker}); the model is re-selected ({@link AutoArima}) only when due ({@link #reselectionDue}: every
 * {@code refitEvery} buckets, at an offset of its own per series), when the one-step errors drift, or while the history
 * is short (the simple methods are cheap to refit). A revised past bucket (late data) re-runs the filter over the
 * history with the same model.
 *
 * <p>A re-selection that searches ARIMA orders takes milliseconds to seconds, so {@link #next} and {@link #revise} hand
 * it back as a {@link Reselection} for the caller to run where it may block ({@link #reselect}, thread-safe) and to
 * apply later ({@link #adopt}); everything else they do at once. {@link #append} does both in one call.
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

    /** What a closed or revised bucket takes: a {@link Step} done, or a {@link Reselection} still to run. */
    public sealed interface Next permits Step, Reselection {}

    /**
     * The outcome of one bucket.
     *
     * @param forecast null while the history is too short to forecast from
     * @param refitted whether the model was (re-)selected for this bucket
     */
    public record Step(SeriesState state, Forecast forecast, boolean refitted) implements Next {

        public ArimaModel model() {
            return state.model();
        }
    }

    /**
     * An ARIMA order search due on {@code history} (the newest bucket last), to run with {@link #reselect}.
     *
     * @param previous the series' model until now, which the search starts from (null for none)
     */
    public record Reselection(double[] history, ArimaModel previous) implements Next {}

    /**
     * Whether the scheduled re-selection of {@code series} falls on bucket number {@code bucket} (e.g. its end over
     * the bucket length). Each series is offset by its key's hash within the {@code refitEvery} buckets, so series that
     * started together do not all re-select in the same bucket; {@link String#hashCode} is the same in every JVM, so
     * the schedule survives restarts.
     */
    public boolean reselectionDue(String series, long bucket) {
        return Math.floorMod(bucket + series.hashCode(), refitEvery) == 0;
    }

    /**
     * Takes the value of the bucket after the last one in {@code state}: an ARIMA model is updated unless
     * {@code reselectionDue} or its errors drift; other models are refitted on every bucket.
     */
    public Next next(SeriesState state, double value, boolean reselectionDue) {
        double[] history = Arrays.copyOfRange(state.history(), Math.max(0, state.history().length + 1 - historyLength),
                state.history().length + 1);
        history[history.length - 1] = value;
        ArimaModel model = state.model();
        if (model != null && model.kind() == ModelKind.ARIMA && !reselectionDue) {
            ArimaTracker tracker = ArimaTracker.resume(model, state.tracker());
            tracker.observe(value);
            if (!tracker.drifting(driftThreshold)) {
                return new Step(new SeriesState(history, model, tracker.state(), state.sinceFit() + 1),
                        tracker.forecast(horizon), false);
            }
        }
        return refit(history, model);
    }

    /** {@link #next}, re-selecting at once when it is due: for callers that may block. */
    public Step append(SeriesState state, double value, boolean reselectionDue) {
        Next next = next(state, value, reselectionDue);
        return next instanceof Reselection reselection ? reselect(reselection) : (Step) next;
    }

    /** Replaces the bucket {@code age} buckets before the newest (0 = the newest) and forecasts again. */
    public Next revise(SeriesState state, int age, double value) {
        double[] history = state.history().clone();
        if (age < 0 || age >= history.length) {
            throw new IllegalArgumentException("no bucket " + age + " back in a history of " + history.length);
        }
        history[history.length - 1 - age] = value;
        ArimaModel model = state.model();
        if (model == null || model.kind() != ModelKind.ARIMA) {
            return refit(history, model);
        }
        ArimaTracker tracker = ArimaTracker.start(model, history);
        return new Step(new SeriesState(history, model, tracker.state(), state.sinceFit()), tracker.forecast(horizon),
                false);
    }

    /**
     * Selects and fits a model on the re-selection's history, warm-started from its previous model
     * ({@link AutoArima#refit}), and forecasts from it. Safe to call from any thread.
     */
    public Step reselect(Reselection reselection) {
        return adopt(selection.refit(reselection.history(), reselection.previous()), reselection.history());
    }

    /**
     * Forecasts from {@code model}, selected by {@link #reselect} on this or an earlier version of {@code history}
     * (late data may have revised buckets since): the filter re-runs over the history as it is now.
     */
    public Step adopt(ArimaModel model, double[] history) {
        if (model.kind() != ModelKind.ARIMA) {
            return new Step(new SeriesState(history, model, null, 0), model.forecast(history, horizon), true);
        }
        ArimaTracker tracker = ArimaTracker.start(model, history);
        return new Step(new SeriesState(history, model, tracker.state(), 0), tracker.forecast(horizon), true);
    }

    /** A refit at once if it is cheap (short or constant history), else a re-selection for the caller to run. */
    private Next refit(double[] history, ArimaModel previous) {
        if (history.length < ShortHistory.MIN_POINTS) {
            return new Step(new SeriesState(history, null, null, 0), null, false);
        }
        Reselection reselection = new Reselection(history, previous);
        return selection.searches(history) ? reselection : reselect(reselection);
    }
}
