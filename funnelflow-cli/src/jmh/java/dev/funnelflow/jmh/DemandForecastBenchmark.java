package dev.funnelflow.jmh;

import dev.funnelflow.demand.ArimaModel;
import dev.funnelflow.demand.ArimaTracker;
import dev.funnelflow.demand.AutoArima;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.ModelKind;
import dev.funnelflow.demand.SeriesForecaster;
import dev.funnelflow.demand.SeriesState;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One closed window of one demand series at the default settings (hourly windows, daily season, 336 windows of
 * history, 24 forecast, re-selection every 24 windows): the usual step, one Kalman update and a 24-step forecast,
 * and the step every 24th window pays, a full {@link AutoArima} re-selection and fit with its forecast.
 *
 * <p>The series: hourly purchase counts of one category, Poisson around 20 an hour (the generator's default
 * traffic gives ~21 per category and hour) with a daily cycle of ±50%. The generator itself has no daily cycle,
 * and a season is what makes the re-selection expensive, so the series is drawn here, from a fixed seed.
 *
 * <p>A due re-selection starts from the series' model ({@link AutoArima#refit}); {@link #reselectFromScratch} runs
 * the full search on the same history, as every re-selection did before warm starts.
 */
public class DemandForecastBenchmark extends HotPathBenchmark {

    private SeriesForecaster forecaster;
    /** Just fitted: the next window is a Kalman update unless it is due for re-selection. */
    private SeriesState fitted;
    private double nextWindow;
    /** The history a re-selection due at the next window fits on. */
    private double[] nextHistory;

    @Setup
    public void setUp() {
        DemandSettings demand = Traffic.SETTINGS.demand();
        double[] series = hourlyCounts(demand.history() + 1);
        double[] history = Arrays.copyOf(series, demand.history());
        nextWindow = series[demand.history()];
        nextHistory = Arrays.copyOfRange(series, 1, demand.history() + 1);
        forecaster = demand.forecaster();
        ArimaModel model = new AutoArima(demand.season()).fit(history);
        if (model.kind() != ModelKind.ARIMA) {
            throw new IllegalStateException("expected an ARIMA model for the benchmark series, got " + model.name());
        }
        ArimaTracker tracker = ArimaTracker.start(model, history);
        fitted = new SeriesState(history, model, tracker.state(), 0);
        if (forecaster.append(fitted, nextWindow, false).refitted()
                || !forecaster.append(fitted, nextWindow, true).refitted()) {
            throw new IllegalStateException("the series should take a Kalman update first and refit when due");
        }
    }

    @Benchmark
    public SeriesForecaster.Step kalmanUpdateAndForecast() {
        return forecaster.append(fitted, nextWindow, false);
    }

    /** Seconds per call here: fewer, longer iterations keep the suite short. */
    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public SeriesForecaster.Step reselectFitAndForecast() {
        return forecaster.append(fitted, nextWindow, true);
    }

    @Benchmark
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public SeriesForecaster.Step reselectFromScratch() {
        return forecaster.reselect(new SeriesForecaster.Reselection(nextHistory, null));
    }

    private static double[] hourlyCounts(int hours) {
        SplittableRandom random = new SplittableRandom(Traffic.SEED);
        double[] counts = new double[hours];
        for (int hour = 0; hour < hours; hour++) {
            double rate = 20 * (1 + 0.5 * Math.sin(2 * Math.PI * (hour % 24 - 9) / 24));
            counts[hour] = poisson(rate, random);
        }
        return counts;
    }

    /** Knuth's multiplication method: fine for rates of a few dozen. */
    private static int poisson(double rate, SplittableRandom random) {
        double limit = Math.exp(-rate);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
