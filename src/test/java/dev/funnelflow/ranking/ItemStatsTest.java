package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import org.junit.jupiter.api.Test;

class ItemStatsTest {

    private static final long HALF_LIFE = 1_000;
    private static final long T = 1_767_225_600_000L;

    @Test
    void popularityHalvesEveryHalfLifeAndCountsLateViewsByTheirAge() {
        ItemStats stats = new ItemStats();
        stats.observe(event(EventType.VIEW, T, null), HALF_LIFE);
        stats.observe(event(EventType.CLICK, T + 1_000, null), HALF_LIFE);
        stats.observe(event(EventType.VIEW, T, null), HALF_LIFE); // late: already one half-life old
        stats.observe(event(EventType.ADD_TO_CART, T + 1_000, null), HALF_LIFE); // not browsing popularity

        assertThat(stats.popularity(T + 1_000, HALF_LIFE)).isCloseTo(0.5 + 1 + 0.5, within(1e-9));
        assertThat(stats.popularity(T + 2_000, HALF_LIFE)).isCloseTo(1.0, within(1e-9));
        assertThat(stats.popularity(T, HALF_LIFE)).isCloseTo(2.0, within(1e-9)); // never undecayed backwards
    }

    @Test
    void priceIsTheLatestByEventTime() {
        ItemStats stats = new ItemStats();
        assertThat(stats.price()).isNaN();

        stats.observe(event(EventType.VIEW, T + 10, 12.0), HALF_LIFE);
        stats.observe(event(EventType.PURCHASE, T, 9.0), HALF_LIFE); // older: ignored
        stats.observe(event(EventType.VIEW, T + 20, null), HALF_LIFE);

        assertThat(stats.price()).isEqualTo(12.0);
    }

    @Test
    void categoryConversionStartsAtThePriorAndMovesWithEvidence() {
        CategoryStats stats = new CategoryStats();
        assertThat(stats.conversionRate(T, HALF_LIFE)).isEqualTo(CategoryStats.PRIOR_RATE);

        for (int i = 0; i < 50; i++) {
            stats.observe(event(EventType.VIEW, T, null), HALF_LIFE);
        }
        for (int i = 0; i < 10; i++) {
            stats.observe(event(EventType.PURCHASE, T, null), HALF_LIFE);
        }
        stats.observe(event(EventType.ADD_TO_CART, T, null), HALF_LIFE);

        // (10 + 0.02 * 50) / (50 + 50): halfway between the observed 20% and the prior.
        assertThat(stats.conversionRate(T, HALF_LIFE)).isCloseTo(0.11, within(1e-9));
        // Decay moves the rate back towards the prior as evidence ages.
        assertThat(stats.conversionRate(T + 1_000, HALF_LIFE)).isCloseTo(6.0 / 75, within(1e-9));
    }

    @Test
    void categoryConversionNeverExceedsOne() {
        CategoryStats stats = new CategoryStats();
        for (int i = 0; i < 500; i++) {
            stats.observe(event(EventType.PURCHASE, T, null), HALF_LIFE); // a data set that logs purchases only
        }

        assertThat(stats.conversionRate(T, HALF_LIFE)).isEqualTo(1.0);
    }

    private static ClickEvent event(EventType type, long time, Double price) {
        return new ClickEvent("e", time, "u", "s", type, "i", "c", price, 1, null, null, null, null, null, null);
    }
}
