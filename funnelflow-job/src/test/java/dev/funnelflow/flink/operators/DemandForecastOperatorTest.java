package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.demand.DemandForecast;
import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.ModelKind;
import dev.funnelflow.demand.SeriesState;
import dev.funnelflow.io.DemandForecastJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemandForecastOperatorTest {

    private static final long HOUR = 3_600_000;
    /** Bucket boundaries are whole hours from here; the schema wants 21st-century timestamps. */
    private static final long T0 = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    private static final String SERIES = "category:42";

    private static DemandSettings settings(int history) {
        return new DemandSettings(Duration.ofHours(1), history, 6, 1, 24, 4.0, Duration.ofHours(2), 0, Duration.ofDays(7),
                false, 1, 4);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DemandObservation, DemandForecast> harness(
            DemandSettings settings) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new DemandForecastOperator(settings), DemandObservation::series,
                Types.STRING);
    }

    private static void sale(KeyedOneInputStreamOperatorTestHarness<String, DemandObservation, DemandForecast> harness,
            long time, double quantity) throws Exception {
        harness.processElement(new DemandObservation(SERIES, time, quantity), time);
    }

    @Test
    void bucketsCloseWhenTheWatermarkPassesTheirEnd() throws Exception {
        try (var harness = harness(settings(48))) {
            harness.open();
            sale(harness, T0 + 10 * 60_000, 2);
            sale(harness, T0 + 50 * 60_000, 3);
            sale(harness, T0 + HOUR + 5, 1);
            harness.processWatermark(T0 + HOUR - 2);
            harness.processWatermark(T0 + HOUR - 1); // closes the first bucket: one bucket is not a forecast yet
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processWatermark(T0 + 2 * HOUR - 1);
            List<DemandForecast> forecasts = harness.extractOutputValues();
            assertThat(forecasts).singleElement().satisfies(f -> {
                assertThat(f.series()).isEqualTo(SERIES);
                assertThat(f.windowEnd()).isEqualTo(T0 + 2 * HOUR);
                assertThat(f.model().kind()).isEqualTo(ModelKind.MEAN);
                assertThat(f.model().fittedPoints()).isEqualTo(2);
                assertThat(f.forecast().mean()[0]).isCloseTo(3, within(1e-9)); // mean of 5 and 1
                assertThat(f.forecast().horizon()).isEqualTo(6);
            });
        }
    }

    @Test
    void emptyBucketsCloseAsZeros() throws Exception {
        try (var harness = harness(settings(48))) {
            harness.open();
            sale(harness, T0, 6);
            harness.processWatermark(T0 + 6 * HOUR - 1);
            List<DemandForecast> forecasts = harness.extractOutputValues();
            assertThat(forecasts).extracting(DemandForecast::windowEnd)
                    .containsExactly(T0 + 2 * HOUR, T0 + 3 * HOUR, T0 + 4 * HOUR, T0 + 5 * HOUR, T0 + 6 * HOUR);
            DemandForecast last = forecasts.get(forecasts.size() - 1);
            assertThat(last.model().fittedPoints()).isEqualTo(6);
            assertThat(last.forecast().mean()[0]).isCloseTo(1, within(1e-9)); // 6 units over six hours
            assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the next hour closes even if nothing sells
        }
    }

    @Test
    void theEndOfABoundedInputClosesTheBucketsWithDataAndNoMore() throws Exception {
        try (var harness = harness(settings(48))) {
            harness.open();
            sale(harness, T0, 1);
            sale(harness, T0 + 2 * HOUR, 1);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).extracting(DemandForecast::windowEnd)
                    .containsExactly(T0 + 2 * HOUR, T0 + 3 * HOUR);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void lateDataWithinTheAllowedLatenessRevisesTheBucketAndForecastsAgain() throws Exception {
        try (var harness = harness(settings(48))) {
            harness.open();
            sale(harness, T0, 4);
            sale(harness, T0 + HOUR, 4);
            sale(harness, T0 + 2 * HOUR, 4);
            harness.processWatermark(T0 + 3 * HOUR - 1);
            assertThat(harness.extractOutputValues()).hasSize(2);

            sale(harness, T0 + 30 * 60_000, 8); // first bucket, 2.5 h behind the watermark: within 2 h of its end
            List<DemandForecast> forecasts = harness.extractOutputValues();
            assertThat(forecasts).hasSize(3);
            DemandForecast revised = forecasts.get(2);
            assertThat(revised.windowEnd()).isEqualTo(T0 + 3 * HOUR);
            assertThat(revised.forecast().mean()[0]).isCloseTo((12 + 4 + 4) / 3.0, within(1e-9));

            harness.processWatermark(T0 + 4 * HOUR - 1);
            sale(harness, T0 + 5, 100); // the first bucket is now more than 2 h past its end: dropped
            assertThat(harness.extractOutputValues()).hasSize(4);
            assertThat(harness.extractOutputValues().get(3).forecast().mean()[0]).isCloseTo(20 / 4.0, within(1e-9));
        }
    }

    @Test
    void stateIsBoundedAndASilentSeriesIsDropped() throws Exception {
        try (var harness = harness(settings(5))) {
            harness.open();
            for (int hour = 0; hour < 12; hour++) {
                sale(harness, T0 + hour * HOUR, 1 + hour % 3);
            }
            harness.processWatermark(T0 + 12 * HOUR - 1);
            List<DemandForecast> forecasts = harness.extractOutputValues();
            assertThat(forecasts).hasSize(11);
            assertThat(forecasts).allSatisfy(f -> assertThat(f.model().fittedPoints()).isLessThanOrEqualTo(5));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // series state and closed-until; no open buckets

            harness.processWatermark(T0 + 17 * HOUR - 1); // five empty hours: the kept history is all zeros
            assertThat(harness.extractOutputValues()).hasSize(16);
            assertThat(harness.extractOutputValues().get(15).forecast().hi95()[0]).isZero();
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void anEndOfSeriesDropsItAtOnceInsteadOfClosingZeros() throws Exception {
        try (var harness = harness(settings(48))) {
            harness.open();
            sale(harness, T0, 2);
            sale(harness, T0 + HOUR, 3);
            harness.processWatermark(T0 + 2 * HOUR - 1);
            assertThat(harness.extractOutputValues()).hasSize(1);

            sale(harness, T0 + 2 * HOUR + 5, 1); // in an open bucket
            harness.processElement(DemandObservation.end(SERIES, T0 + 3 * HOUR), T0 + 3 * HOUR);
            assertThat(harness.numKeyedStateEntries()).isZero();

            harness.processWatermark(T0 + 10 * HOUR - 1); // the timers still set find nothing to close
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void survivesSnapshotAndRestoreOnRocksDb() throws Exception {
        DemandSettings settings = settings(48);
        List<DemandForecast> uninterrupted = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var reference = rocksDb(settings); var before = rocksDb(settings)) {
            reference.open();
            before.open();
            for (int hour = 0; hour < 30; hour++) {
                double quantity = 5 + 3 * Math.sin(hour / 3.0) + hour % 4;
                sale(reference, T0 + hour * HOUR + 17, quantity);
                reference.processWatermark(T0 + hour * HOUR - 1);
                settle(reference);
                if (hour < 25) {
                    sale(before, T0 + hour * HOUR + 17, quantity);
                    before.processWatermark(T0 + hour * HOUR - 1);
                    settle(before);
                }
            }
            reference.processWatermark(T0 + 30 * HOUR - 1);
            settle(reference);
            uninterrupted.addAll(reference.extractOutputValues());
            snapshot = before.snapshot(1, 1);
        }
        try (var after = rocksDb(settings)) {
            after.initializeState(snapshot);
            after.open();
            for (int hour = 25; hour < 30; hour++) {
                sale(after, T0 + hour * HOUR + 17, 5 + 3 * Math.sin(hour / 3.0) + hour % 4);
                after.processWatermark(T0 + hour * HOUR - 1);
                settle(after);
            }
            after.processWatermark(T0 + 30 * HOUR - 1);
            settle(after);
            List<DemandForecast> resumed = after.extractOutputValues();
            List<DemandForecast> expected = uninterrupted.subList(uninterrupted.size() - resumed.size(), uninterrupted.size());
            assertThat(resumed).hasSize(6);
            assertThat(resumed.get(5).model().kind()).isEqualTo(ModelKind.ARIMA);
            for (int i = 0; i < resumed.size(); i++) {
                assertThat(resumed.get(i).windowEnd()).isEqualTo(expected.get(i).windowEnd());
                assertThat(resumed.get(i).model().name()).isEqualTo(expected.get(i).model().name());
                assertThat(resumed.get(i).forecast().mean()).containsExactly(expected.get(i).forecast().mean());
                assertThat(resumed.get(i).forecast().hi95()).containsExactly(expected.get(i).forecast().hi95());
            }
        }
    }

    /**
     * A snapshot taken while a re-selection runs holds it as pending in keyed state (the bucket's forecast not yet
     * emitted); the restored operator runs it again and emits what an uninterrupted one does.
     */
    @Test
    void aReselectionInFlightAtTheSnapshotIsRedoneAfterTheRestore() throws Exception {
        DemandSettings settings = settings(48);
        OperatorSubtaskState snapshot;
        List<DemandForecast> uninterrupted;
        try (var reference = rocksDb(settings); var before = rocksDb(settings)) {
            reference.open();
            before.open();
            for (int hour = 0; hour < 20; hour++) {
                sale(reference, T0 + hour * HOUR + 17, wave(hour));
                sale(before, T0 + hour * HOUR + 17, wave(hour));
            }
            reference.processWatermark(T0 + 20 * HOUR - 1); // the 20th bucket: the first ARIMA order search
            before.processWatermark(T0 + 20 * HOUR - 1);
            assertThat(((DemandForecastOperator) before.getOperator()).reselectionsInFlight()).isEqualTo(1);
            snapshot = before.snapshot(1, 1);
            assertThat(before.extractOutputValues()).extracting(DemandForecast::windowEnd).doesNotContain(T0 + 20 * HOUR);
            settle(reference);
            for (int hour = 20; hour < 26; hour++) {
                sale(reference, T0 + hour * HOUR + 17, wave(hour));
                reference.processWatermark(T0 + (hour + 1) * HOUR - 1);
                settle(reference);
            }
            uninterrupted = reference.extractOutputValues().stream().filter(f -> f.windowEnd() >= T0 + 20 * HOUR).toList();
        }
        try (var after = rocksDb(settings)) {
            after.initializeState(snapshot);
            after.open();
            settle(after);
            for (int hour = 20; hour < 26; hour++) {
                sale(after, T0 + hour * HOUR + 17, wave(hour));
                after.processWatermark(T0 + (hour + 1) * HOUR - 1);
                settle(after);
            }
            List<DemandForecast> resumed = after.extractOutputValues();
            assertThat(resumed).hasSize(7);
            assertThat(resumed.get(0).model().kind()).isEqualTo(ModelKind.ARIMA);
            assertThat(resumed).extracting(DemandForecast::windowEnd)
                    .containsExactlyElementsOf(uninterrupted.stream().map(DemandForecast::windowEnd).toList());
            for (int i = 0; i < resumed.size(); i++) {
                assertThat(resumed.get(i).model().name()).isEqualTo(uninterrupted.get(i).model().name());
                assertThat(resumed.get(i).forecast().mean()).containsExactly(uninterrupted.get(i).forecast().mean());
            }
        }
    }

    /**
     * Hourly buckets with a daily season, re-selected as they close: the longest the task thread is held (records,
     * timers, landings) stays below what one re-selection takes, because the search runs on the re-selection thread.
     * A first pass warms up class loading and the JIT, which would otherwise make the first record the longest hold.
     */
    @Test
    void theTaskThreadIsNotHeldForAReselection() throws Exception {
        DemandSettings settings = new DemandSettings(Duration.ofHours(1), 72, 24, 24, 24, 4.0, Duration.ofHours(2), 0,
                Duration.ofDays(7), false, 1, 4);
        try (var harness = harness(settings)) {
            harness.open();
            DemandForecastOperator operator = (DemandForecastOperator) harness.getOperator();
            boolean returnedWhileSearching = false;
            for (int hour = 0; hour < 72; hour++) {
                sale(harness, T0 + hour * HOUR + 17, 20 * (1 + 0.5 * Math.sin(2 * Math.PI * hour / 24)) + hour % 3);
                harness.processWatermark(T0 + hour * HOUR - 1);
                // The watermark that closed the bucket has been handled; a search it started is still running.
                returnedWhileSearching |= operator.reselectionsInFlight() > 0;
                settle(harness);
            }
            assertThat(harness.extractOutputValues())
                    .anySatisfy(f -> assertThat(f.model().order().period()).isEqualTo(24));
            assertThat(returnedWhileSearching).as("the task thread went on while a re-selection ran").isTrue();
            System.out.printf("longest task-thread hold %.2f ms over 72 hourly buckets with seasonal re-selections%n",
                    operator.taskThreadHoldMaxMs());
        }
    }

    private static double wave(int hour) {
        return 5 + 3 * Math.sin(hour / 3.0) + hour % 4;
    }

    @ParameterizedTest
    @ValueSource(strings = {SERIES, "category:42:views", "item:7", "item:7:views"})
    void outputIsAValidDemandForecastsRecord(String series) throws Exception {
        try (var harness = harness(settings(48))) {
            harness.open();
            harness.setProcessingTime(T0 + 31 * HOUR); // emitted_at
            for (int hour = 0; hour < 30; hour++) {
                harness.processElement(new DemandObservation(series, T0 + hour * HOUR, 3 + hour % 5), T0 + hour * HOUR);
            }
            harness.processWatermark(T0 + 30 * HOUR - 1);
            for (DemandForecast forecast : harness.extractOutputValues()) {
                var record = DemandForecastJson.record(forecast);
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(series);
                TopicSchemas.assertValid("demand-forecasts", new String(record.value(), StandardCharsets.UTF_8));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {DemandObservation.class, DemandForecast.class, SeriesState.class})
    void stateAndRecordsAreFlinkPojos(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        // The job runs with pipeline.generic-types: false, so no nested field may fall back to Kryo either.
        assertThat(info.toString()).doesNotContain("GenericType");
    }

    /** Runs the task's mails (landing re-selections) until none is in flight; blocks on the mailbox, no polling. */
    static void settle(KeyedOneInputStreamOperatorTestHarness<String, DemandObservation, DemandForecast> harness)
            throws Exception {
        DemandForecastOperator operator = (DemandForecastOperator) harness.getOperator();
        while (operator.reselectionsInFlight() > 0) {
            harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY).run();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DemandObservation, DemandForecast> rocksDb(
            DemandSettings settings) throws Exception {
        var harness = harness(settings);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }
}
