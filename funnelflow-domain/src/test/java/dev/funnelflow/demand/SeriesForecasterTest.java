package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesForecasterTest {

    private final double[] y = TestSeries.simulate(41, 60, new double[] {0.6}, new double[0], 0, 20);

    @Test
    void refitsOnScheduleAndUpdatesInBetween() {
        SeriesForecaster forecaster = new SeriesForecaster(1, 40, 5, 10, 1e9);
        SeriesState state = SeriesState.empty();
        List<Integer> refits = new ArrayList<>();
        for (int t = 0; t < y.length; t++) {
            SeriesForecaster.Step step = forecaster.append(state, y[t], (t + 1) % 10 == 0);
            state = step.state();
            if (step.refitted() && step.model().kind() == ModelKind.ARIMA) {
                refits.add(t + 1);
            }
            assertThat(state.history().length).isLessThanOrEqualTo(40);
            assertThat(step.forecast() == null).isEqualTo(t == 0);
        }
        // ARIMA from 20 points on, then every 10th bucket; short-history methods are refitted on every bucket.
        assertThat(refits).containsExactly(20, 30, 40, 50, 60);
    }

    @Test
    void aRevisedBucketKeepsTheModelAndChangesTheForecast() {
        SeriesForecaster forecaster = new SeriesForecaster(1, 60, 5, 100, 1e9);
        SeriesState state = SeriesState.empty();
        SeriesForecaster.Step step = null;
        for (double value : y) {
            step = forecaster.append(state, value, false);
            state = step.state();
        }
        SeriesForecaster.Step revised = (SeriesForecaster.Step) forecaster.revise(state, 0, y[y.length - 1] + 10);
        assertThat(revised.model()).isSameAs(step.model());
        assertThat(revised.refitted()).isFalse();
        assertThat(revised.forecast().mean()[0]).isGreaterThan(step.forecast().mean()[0]);
        assertThat(revised.state().history()[59]).isEqualTo(y[59] + 10);
    }

    /** A due re-selection carries the series' model, where the search starts: nothing beyond the state is needed. */
    @Test
    void aDueReselectionStartsFromTheSeriesModel() {
        SeriesForecaster forecaster = new SeriesForecaster(1, 60, 5, 100, 1e9);
        SeriesState state = SeriesState.empty();
        for (double value : y) {
            state = forecaster.append(state, value, false).state();
        }
        assertThat(state.model().kind()).isEqualTo(ModelKind.ARIMA);

        SeriesForecaster.Reselection due = (SeriesForecaster.Reselection) forecaster.next(state, y[0], true);
        assertThat(due.previous()).isSameAs(state.model());
        SeriesForecaster.Step reselected = forecaster.reselect(due);
        assertThat(reselected.refitted()).isTrue();
        assertThat(reselected.model().fittedPoints()).isEqualTo(60);
    }
}
