package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.demand.DecayedVolume;
import dev.funnelflow.demand.DemandObservation;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.demand.ItemVolume;
import dev.funnelflow.demand.SeriesMembership;
import dev.funnelflow.demand.TopItemsState;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.flink.operators.DemandForecastOperator;
import dev.funnelflow.flink.operators.DemandObservations;
import dev.funnelflow.flink.operators.ItemVolumeFunction;
import dev.funnelflow.flink.operators.TrackedSeriesGate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operators that pick the top items and gate their series: item volumes, top items, tracked-series gate. */
class TopItemSeriesTest {

    private static final long HOUR = 3_600_000;
    private static final long T0 = Instant.parse("2026-11-23T00:00:00Z").toEpochMilli();
    private static final Duration HALF_LIFE = Duration.ofDays(7);

    private static DemandSettings settings(int topItems, boolean views) {
        return new DemandSettings(Duration.ofHours(1), 48, 6, 1, 24, 4.0, Duration.ofHours(2), topItems, HALF_LIFE,
                views, 1, 4);
    }

    @Test
    void anItemsDecayedVolumeIsReportedOncePerWindowItSoldIn() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ItemVolumeFunction(settings(2, false))), DemandObservation::series,
                Types.STRING)) {
            harness.open();
            purchase(harness, "item:a", T0 + 5 * 60_000, 2);
            purchase(harness, "item:a", T0 + 10 * 60_000, 3);
            purchase(harness, "item:b", T0 + 20 * 60_000, 1);
            purchase(harness, "item:a", T0 + 3 * HOUR + 1, 1);
            harness.processWatermark(T0 + 4 * HOUR - 1);

            List<ItemVolume> volumes = harness.extractOutputValues();
            assertThat(volumes).extracting(ItemVolume::series, ItemVolume::windowEnd)
                    .containsExactlyInAnyOrder(
                            tuple("item:a", T0 + HOUR),
                            tuple("item:b", T0 + HOUR),
                            tuple("item:a", T0 + 4 * HOUR));
            ItemVolume last = volumes.get(volumes.size() - 1);
            assertThat(last.volume()).isCloseTo(5 * DecayedVolume.decay(3 * HOUR, HALF_LIFE.toMillis()) + 1,
                    within(1e-9));
            assertThat(harness.numEventTimeTimers()).isZero();
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // one decayed volume per item, no open window
        }
    }

    @Test
    void entriesAndExitsGoOutForBothSeriesOfAnItemWhenTheWindowCloses() throws Exception {
        try (var harness = topItems(settings(1, true))) {
            harness.open();
            harness.processElement(new ItemVolume("item:a", T0 + HOUR, 5), T0 + HOUR - 1);
            harness.processElement(new ItemVolume("item:b", T0 + HOUR, 3), T0 + HOUR - 1);
            assertThat(harness.extractOutputValues()).isEmpty(); // other subtasks may still report this window

            harness.processWatermark(T0 + HOUR - 1);
            assertThat(harness.extractOutputValues()).containsExactly(
                    new SeriesMembership("item:a", true, T0 + 2 * HOUR), // from the next whole bucket
                    new SeriesMembership("item:a:views", true, T0 + 2 * HOUR));

            harness.processElement(new ItemVolume("item:b", T0 + 2 * HOUR, 10), T0 + 2 * HOUR - 1);
            harness.processWatermark(T0 + 2 * HOUR - 1);
            assertThat(harness.extractOutputValues().subList(2, 6)).containsExactly(
                    new SeriesMembership("item:a", false, T0 + 2 * HOUR),
                    new SeriesMembership("item:a:views", false, T0 + 2 * HOUR),
                    new SeriesMembership("item:b", true, T0 + 3 * HOUR),
                    new SeriesMembership("item:b:views", true, T0 + 3 * HOUR));
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the summary; no window volumes left
        }
    }

    @Test
    void aWatermarkThatClosesSeveralWindowsRanksThemOneByOne() throws Exception {
        try (var harness = topItems(settings(1, false))) {
            harness.open();
            harness.processElement(new ItemVolume("item:a", T0 + HOUR, 5), T0 + HOUR - 1);
            harness.processElement(new ItemVolume("item:b", T0 + 2 * HOUR, 100), T0 + 2 * HOUR - 1);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).containsExactly(
                    new SeriesMembership("item:a", true, T0 + 2 * HOUR),
                    new SeriesMembership("item:a", false, T0 + 2 * HOUR),
                    new SeriesMembership("item:b", true, T0 + 3 * HOUR));
        }
    }

    @Test
    void theGatePassesOnlyTrackedSeriesAndEndsThemWhenTheirItemLeaves() throws Exception {
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new TrackedSeriesGate(settings(2, false))), DemandObservation::series,
                SeriesMembership::series, Types.STRING)) {
            harness.open();
            harness.processBothWatermarks(new Watermark(T0 - 1));
            harness.processElement1(new DemandObservation("item:b", T0 + 10, 1), T0 + 10);
            assertThat(harness.numKeyedStateEntries()).isZero(); // untracked, and no entry can cover it any more

            harness.processElement2(new SeriesMembership("item:a", true, T0 + HOUR), T0);
            harness.processElement1(new DemandObservation("item:a", T0 + 20, 1), T0 + 20); // before its first bucket
            harness.processElement1(new DemandObservation("item:a", T0 + HOUR + 5, 2), T0 + HOUR + 5);
            harness.processElement2(new SeriesMembership("item:a", true, T0 + 3 * HOUR), T0); // still tracked: no restart
            harness.processElement1(new DemandObservation("item:a", T0 + HOUR + 6, 3), T0 + HOUR + 6);
            assertThat(harness.extractOutputValues()).isEmpty(); // judged when the watermark passes the bucket

            harness.processBothWatermarks(new Watermark(T0 + 2 * HOUR - 1));
            assertThat(harness.extractOutputValues()).containsExactly(
                    new DemandObservation("item:a", T0 + 2 * HOUR - 1, 5)); // one sum per bucket

            harness.processElement1(new DemandObservation("item:a", T0 + 3 * HOUR + 1, 7), T0 + 3 * HOUR + 1);
            harness.processElement2(new SeriesMembership("item:a", false, T0 + 4 * HOUR), T0);
            // Far ahead of the watermark an entry could still cover it: kept until its bucket closes, then dropped.
            harness.processElement1(new DemandObservation("item:a", T0 + 4 * HOUR + 1, 4), T0 + 4 * HOUR + 1);
            harness.processElement2(new SeriesMembership("item:b", false, T0 + 4 * HOUR), T0); // never tracked
            harness.processBothWatermarks(new Watermark(T0 + 5 * HOUR - 1));

            assertThat(harness.extractOutputValues()).containsExactly(
                    new DemandObservation("item:a", T0 + 2 * HOUR - 1, 5),
                    DemandObservation.end("item:a", T0 + 4 * HOUR));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    /**
     * Gate and forecaster in a row, as in the job: the gate passes only buckets with sales, and the forecaster closes
     * the hours between them as zeros, so a tracked item's series has no gaps. Its series starts with the first
     * tracked bucket the gate passes.
     */
    @Test
    void aTrackedItemsHoursWithoutSalesAreZerosInItsSeries() throws Exception {
        DemandSettings settings = settings(2, false);
        try (var gate = new KeyedTwoInputStreamOperatorTestHarness<>(
                     new KeyedCoProcessOperator<>(new TrackedSeriesGate(settings)), DemandObservation::series,
                     SeriesMembership::series, Types.STRING);
                var forecaster = new KeyedOneInputStreamOperatorTestHarness<>(
                        new DemandForecastOperator(settings), DemandObservation::series,
                        Types.STRING)) {
            gate.open();
            forecaster.open();
            gate.processBothWatermarks(new Watermark(T0 - 1));
            gate.processElement2(new SeriesMembership("item:a", true, T0 + HOUR), T0);
            gate.processElement1(new DemandObservation("item:a", T0 + HOUR + 5, 4), T0 + HOUR + 5);
            gate.processElement1(new DemandObservation("item:a", T0 + 4 * HOUR + 5, 8), T0 + 4 * HOUR + 5);
            for (int hour = 2; hour <= 6; hour++) {
                Watermark watermark = new Watermark(T0 + hour * HOUR - 1);
                gate.processBothWatermarks(watermark);
                for (DemandObservation bucket : gate.extractOutputValues()) {
                    forecaster.processElement(bucket, bucket.eventTime());
                }
                gate.getOutput().clear();
                forecaster.processWatermark(watermark);
            }

            // Buckets ending at 3, 4, 5, 6 h: 4, 0, 0, 8 and then 0; the forecast is their mean (short history).
            assertThat(forecaster.extractOutputValues())
                    .extracting(f -> f.windowEnd() - T0, f -> f.model().fittedPoints(), f -> f.forecast().mean()[0])
                    .containsExactly(
                            tuple(3 * HOUR, 2, 2.0),
                            tuple(4 * HOUR, 3, 4 / 3.0),
                            tuple(5 * HOUR, 4, 3.0),
                            tuple(6 * HOUR, 5, 12 / 5.0));
        }
    }

    @Test
    void purchasesAndViewsBecomeObservationsOfTheirSeries() {
        ClickEvent view = event(EventType.VIEW, 1);
        ClickEvent purchase = event(EventType.PURCHASE, 3);
        ClickEvent cart = event(EventType.ADD_TO_CART, 1);
        assertThat(observe(DemandObservations.ofItems(true), view, purchase, cart)).containsExactly(
                new DemandObservation("item:7:views", T0, 1),
                new DemandObservation("item:7", T0, 3));
        assertThat(observe(DemandObservations.ofCategories(true), view, purchase, cart)).containsExactly(
                new DemandObservation("category:42:views", T0, 1),
                new DemandObservation("category:42", T0, 3));
        assertThat(observe(DemandObservations.ofCategories(false), view, purchase, cart)).containsExactly(
                new DemandObservation("category:42", T0, 3));
        assertThat(new DemandObservation("item:7:views", T0, 1).countsViews()).isTrue();
        assertThat(new DemandObservation("item:7", T0, 1).countsViews()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(classes = {ItemVolume.class, SeriesMembership.class, DecayedVolume.class, TopItemsState.class,
            TopItemsFunction.ItemWindow.class})
    void stateAndRecordsAreFlinkPojos(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        assertThat(info.toString()).doesNotContain("GenericType");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ItemVolume, SeriesMembership> topItems(
            DemandSettings settings) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TopItemsFunction(settings)), volume -> TopItemsFunction.KEY,
                Types.STRING);
    }

    private static void purchase(KeyedOneInputStreamOperatorTestHarness<String, DemandObservation, ItemVolume> harness,
            String series, long time, double quantity) throws Exception {
        harness.processElement(new DemandObservation(series, time, quantity), time);
    }

    private static ClickEvent event(EventType type, int quantity) {
        return new ClickEvent("e-" + type, T0, "u", "s", type, "7", "42", 9.5, quantity, null, null, null, null, null,
                null);
    }

    private static List<DemandObservation> observe(DemandObservations function, ClickEvent... events) {
        List<DemandObservation> out = new ArrayList<>();
        for (ClickEvent event : events) {
            function.flatMap(event, new ListCollector<>(out));
        }
        return out;
    }
}
