package dev.funnelflow.alerts.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RiskAggregatorsTest {

    @Test
    void recentTimesCountAnyWindowExactlyUpToTheCapacity() {
        RecentTimes times = new RecentTimes(4);
        for (long t = 1; t <= 6; t++) {
            times.add(t * 1000);
        }
        assertThat(times.countSince(5000)).isEqualTo(2);
        assertThat(times.countSince(0)).as("only the last 4 are kept").isEqualTo(4);
        times.add(3500); // out of order
        assertThat(times.countSince(3000)).isEqualTo(4);
    }

    @Test
    void recentPurchasesCountSmallOnes() {
        RecentPurchases purchases = new RecentPurchases(8);
        purchases.add(1000, 1.0);
        purchases.add(2000, 250.0);
        purchases.add(3000, 4.99);
        assertThat(purchases.countSince(0)).isEqualTo(3);
        assertThat(purchases.countSince(0, 5.0)).isEqualTo(2);
        assertThat(purchases.countSince(2500, 5.0)).isEqualTo(1);
    }

    @Test
    void distinctRecentKeepsLastSeenPerValueAndEvictsTheStalest() {
        DistinctRecent cards = new DistinctRecent(2);
        cards.add("a", 1000);
        cards.add("b", 2000);
        cards.add("a", 3000);
        assertThat(cards.countSince(2500)).isEqualTo(1);
        cards.add("c", 4000); // evicts b, seen longest ago
        assertThat(cards.contains("b")).isFalse();
        assertThat(cards.lastSeenTimes()).containsExactlyInAnyOrder(3000L, 4000L);
        cards.add(null, 5000);
        assertThat(cards.size()).isEqualTo(2);
    }

    @Test
    void amountHistoryScoresAgainstTheUsersOwnAmounts() {
        AmountHistory history = new AmountHistory();
        assertThat(history.zScore(100, 3)).isNaN();
        for (double amount : new double[] {20, 30, 40}) {
            history.add(amount);
        }
        // mean 30, sample sd 10
        assertThat(history.zScore(80, 3)).isCloseTo(5.0, within(1e-12));
        assertThat(history.ratioToMean(90, 3)).isCloseTo(3.0, within(1e-12));
        assertThat(history.zScore(80, 4)).isNaN();
    }

    @Test
    void identicalPastAmountsDoNotMakeEveryChangeInfinite() {
        AmountHistory history = new AmountHistory();
        for (int i = 0; i < 3; i++) {
            history.add(40);
        }
        // deviation 0 is floored at 5% of the mean = 2
        assertThat(history.zScore(44, 3)).isCloseTo(2.0, within(1e-12));
    }

    @Test
    void cadenceOfAScriptIsFastAndRegularAndOfAPersonIsNot() {
        Cadence script = new Cadence(10);
        Cadence person = new Cadence(10);
        long[] humanGaps = {4_000, 31_000, 9_000, 75_000, 2_000, 48_000, 12_000, 130_000, 6_000, 22_000};
        long scriptTime = 0;
        long personTime = 0;
        for (int i = 0; i <= 10; i++) {
            script.add(scriptTime, 1_800_000);
            person.add(personTime, 1_800_000);
            scriptTime += 1_000;
            personTime += humanGaps[i % humanGaps.length];
        }
        assertThat(script.meanSeconds(10)).isCloseTo(1.0, within(1e-12));
        assertThat(script.coefficientOfVariation(10)).isCloseTo(0.0, within(1e-12));
        assertThat(person.meanSeconds(10)).isCloseTo(33.9, within(1e-9));
        assertThat(person.coefficientOfVariation(10)).isGreaterThan(0.9);
        assertThat(new Cadence(10).meanSeconds(10)).isNaN();
    }

    @Test
    void cadenceLeavesOutGapsBetweenSessions() {
        Cadence cadence = new Cadence(4);
        cadence.add(0, 1_800_000);
        cadence.add(10_000, 1_800_000);
        cadence.add(10_000 + 3_600_000, 1_800_000); // a new session, not a gap
        cadence.add(10_000 + 3_610_000, 1_800_000);
        assertThat(cadence.getSize()).isEqualTo(2);
        assertThat(cadence.meanSeconds(2)).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void countryTrailMeasuresTheTimeSinceTheLastOtherCountry() {
        CountryTrail trail = new CountryTrail();
        assertThat(trail.observe("DE", 0)).isNaN();
        assertThat(trail.observe("DE", 600_000)).isNaN();
        assertThat(trail.observe("BR", 1_800_000)).isCloseTo(1200.0, within(1e-9));
        assertThat(trail.observe(null, 1_900_000)).isNaN();
        assertThat(trail.getCountry()).isEqualTo("BR");
    }

    @Test
    void signupClockTimesOnlyTheFirstPurchaseAfterASeenSignup() {
        SignupClock clock = new SignupClock();
        clock.signedUp(10_000);
        assertThat(clock.purchase(25_000)).isCloseTo(15.0, within(1e-12));
        assertThat(clock.purchase(30_000)).isNaN();
        assertThat(new SignupClock().purchase(1_000)).as("signup before the job started").isNaN();
    }
}
