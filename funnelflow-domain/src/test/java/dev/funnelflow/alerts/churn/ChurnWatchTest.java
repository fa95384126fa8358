package dev.funnelflow.alerts.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertJson;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChurnWatchTest {

    private static final long T0 = 1_793_577_600_000L; // 2026-11-02T00:00:00Z
    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;
    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
    private static final ChurnWatch WATCH =
            new ChurnWatch(CDNOW, "churn-test", 0.3, 2, Duration.ofDays(1), Duration.ofDays(365));

    @Test
    void historyCountsPurchaseDaysAsTrainChurnDoes() {
        long[] times = {T0 + 10 * HOUR, T0 + 11 * HOUR, T0 + 3 * DAY + HOUR, T0 + 9 * DAY + 20 * HOUR};
        PurchaseHistory history = purchases(times);
        long end = T0 + 30 * DAY;
        CustomerHistory expected = PurchaseLog.of(Map.of("u", times)).historiesBefore(end).get("u");
        assertThat(history.at(end)).isEqualTo(expected);
        assertThat(history.repeatPurchases()).isEqualTo(2);
        assertThat(history.lastPurchaseTime()).isEqualTo(T0 + 9 * DAY + 20 * HOUR);
        assertThat(history.lastPurchaseEventId()).isEqualTo("p3");
    }

    @Test
    void theScheduledCheckIsTheFirstDailyCheckBelowTheThreshold() {
        PurchaseHistory history = purchases(T0, T0 + 7 * DAY, T0 + 14 * DAY + 5 * HOUR);
        long check = WATCH.nextCheck(history, T0 + 14 * DAY + 5 * HOUR);

        assertThat((check - history.lastPurchaseTime()) % DAY).as("on the daily grid after the purchase").isZero();
        assertThat(WATCH.probabilityAlive(history, check)).isLessThan(0.3);
        assertThat(WATCH.probabilityAlive(history, check - DAY)).isGreaterThanOrEqualTo(0.3);
        // Hand-computed: ((α + T) / (α + t_x))^(r + x) must exceed (1/0.3 − 1)(b + 1)/a = 10.0832, so
        // T > 6.414 · 10.0832^(1/2.243) − 4.414 = 13.55 weeks after the first purchase day: day 95, 81 after the last.
        assertThat((check - history.lastPurchaseTime()) / DAY).isEqualTo(81);
        assertThat(WATCH.nextCheck(history, check - 1)).as("stable while nothing changes").isEqualTo(check);
        assertThat(WATCH.nextCheck(history, check)).as("never at or before 'after'").isEqualTo(check + DAY);
    }

    @Test
    void alertsOncePerLapseWithReasons() {
        PurchaseHistory history = purchases(T0, T0 + 7 * DAY, T0 + 14 * DAY + 5 * HOUR);
        long check = WATCH.nextCheck(history, T0 + 14 * DAY);
        assertThat(WATCH.check("u", history, check - DAY, check)).isEmpty();

        Alert alert = WATCH.check("u", history, check, check + 1).orElseThrow();
        double alive = WATCH.probabilityAlive(history, check);
        assertThat(alert.alertId()).isEqualTo("churn_risk-p2");
        assertThat(alert.kind()).isEqualTo(AlertKind.CHURN_RISK);
        assertThat(alert.severity()).as("2 repeat purchases: just regular").isEqualTo(Severity.LOW);
        assertThat(alert.score()).isCloseTo(1 - alive, within(1e-12));
        assertThat(alert.eventTime()).isEqualTo(check);
        assertThat(alert.emittedAt()).isEqualTo(check + 1);
        assertThat(alert.modelVersion()).isEqualTo("churn-test");
        assertThat(alert.evidenceEventIds()).containsExactly("p2");
        assertThat(Arrays.stream(alert.reasons()).map(Reason::code))
                .containsExactly("p_alive", "days_since_last_purchase", "repeat_purchases");
        assertThat(alert.reasons()[0].value()).isEqualTo(alive);
        assertThat(alert.reasons()[0].threshold()).isEqualTo(0.3);
        assertThat(alert.reasons()[1].value()).isEqualTo(81.0);
        assertThat(alert.reasons()[1].threshold()).isBetween(80.0, 81.0);
        assertThat(alert.reasons()[2].value()).isEqualTo(2.0);
        assertThat(alert.reasons()[2].threshold()).isEqualTo(2.0);
        TopicSchemas.assertValid("alerts", new String(AlertJson.encode(alert), StandardCharsets.UTF_8));

        PurchaseHistory alerted = history.withAlerted();
        assertThat(WATCH.check("u", alerted, check + 30 * DAY, 0)).isEmpty();
        assertThat(WATCH.nextCheck(alerted, check)).isEqualTo(PurchaseHistory.NO_CHECK);
        PurchaseHistory back = alerted.withPurchase(purchase("p3", check + 2 * DAY));
        assertThat(WATCH.watches(back)).as("a purchase ends the lapse").isTrue();
        assertThat(back.repeatPurchases()).isEqualTo(3);
    }

    @Test
    void occasionalCustomersAreNotWatched() {
        PurchaseHistory once = purchases(T0, T0 + 7 * DAY);
        assertThat(WATCH.nextCheck(once, T0 + 7 * DAY)).isEqualTo(PurchaseHistory.NO_CHECK);
        assertThat(WATCH.probabilityAlive(once, T0 + 700 * DAY)).isLessThan(0.3);
        assertThat(WATCH.check("u", once, T0 + 700 * DAY, 0)).isEmpty();
    }

    @Test
    void aCrossingBeyondTheHorizonIsNotCheckedFor() {
        // A fit with drop-out probability near 0 (train churn on the UCI sample gives a = 6e-8): P(alive) would
        // cross 0.3 some 1,800 years on.
        ChurnWatch loyal = new ChurnWatch(new BgNbdParameters(0.82, 15.5, 6e-8, 21), "churn-loyal", 0.3, 2,
                Duration.ofDays(1), Duration.ofDays(365));
        PurchaseHistory history = purchases(T0, T0 + 7 * DAY, T0 + 14 * DAY);
        assertThat(loyal.nextCheck(history, T0 + 14 * DAY)).isEqualTo(PurchaseHistory.NO_CHECK);
        ChurnWatch shortSighted = new ChurnWatch(CDNOW, "churn-test", 0.3, 2, Duration.ofDays(1), Duration.ofDays(80));
        assertThat(shortSighted.nextCheck(history, T0 + 14 * DAY)).as("CDNOW crosses at 81 days")
                .isEqualTo(PurchaseHistory.NO_CHECK);
        assertThat(WATCH.nextCheck(history, T0 + 14 * DAY)).isEqualTo(T0 + 14 * DAY + 81 * DAY);
    }

    @Test
    void severityGrowsWithHowRegularTheCustomerWas() {
        long[] weekly = new long[9];
        for (int i = 0; i < weekly.length; i++) {
            weekly[i] = T0 + i * 7 * DAY;
        }
        PurchaseHistory regular = purchases(weekly);
        long check = WATCH.nextCheck(regular, weekly[8]);
        assertThat(WATCH.check("u", regular, check, 0).orElseThrow().severity()).isEqualTo(Severity.HIGH);
        PurchaseHistory four = purchases(Arrays.copyOf(weekly, 5));
        assertThat(WATCH.check("u", four, WATCH.nextCheck(four, weekly[4]), 0).orElseThrow().severity())
                .isEqualTo(Severity.MEDIUM);
    }

    @Test
    void theBundledModelIsThePublishedCdnowFit() {
        ChurnModel model = ChurnModel.bundled();
        assertThat(model.parameters()).isEqualTo(CDNOW);
        assertThat(model.modelVersion()).isEqualTo("churn-bgnbd-fhl2005-cdnow");
    }

    private static PurchaseHistory purchases(long... times) {
        PurchaseHistory history = PurchaseHistory.firstPurchase(purchase("p0", times[0]));
        for (int i = 1; i < times.length; i++) {
            history = history.withPurchase(purchase("p" + i, times[i]));
        }
        return history;
    }

    private static ClickEvent purchase(String id, long time) {
        return new ClickEvent(id, time, "u", "s", EventType.PURCHASE, "i1", null, 10.0, 1, "o-" + id, null, null,
                null, null, new RecordOrigin("clickstream", 0, 0));
    }
}
