package dev.funnelflow.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UserProfileTest {

    private static final long MINUTE = 60_000;
    private static final ProfileSettings SETTINGS =
            new ProfileSettings(30 * MINUTE, 3, 5, 2, 2, Duration.ofDays(7).toMillis());

    @Test
    void derivesSessionsFromAThirtyMinuteGap() {
        UserProfile profile = new UserProfile();
        assertThat(profile.observe(view("a", null, 0), SETTINGS).sessionId()).isEqualTo("~derived-1");
        assertThat(profile.observe(view("b", null, 30 * MINUTE), SETTINGS).sessionId()).isEqualTo("~derived-1");
        SessionStep third = profile.observe(view("c", null, 61 * MINUTE), SETTINGS);
        assertThat(third.sessionId()).isEqualTo("~derived-2");
        assertThat(third.previousItems().ids()).isEmpty();
    }

    @Test
    void followsTheProducersSessionIdAndKeepsRecentDistinctItems() {
        UserProfile profile = new UserProfile();
        profile.observe(view("a", "s1", 0), SETTINGS);
        profile.observe(view("b", "s1", 1), SETTINGS);
        profile.observe(view("c", "s1", 2), SETTINGS);
        SessionStep again = profile.observe(view("a", "s1", 3), SETTINGS);
        assertThat(again.previousItems().ids()).containsExactly("c", "b");
        profile.observe(view("d", "s1", 4), SETTINGS);
        assertThat(profile.getSessionItems()).containsExactly("d", "a", "c");
        SessionStep next = profile.observe(view("e", "s2", 5), SETTINGS);
        assertThat(next.sessionId()).isEqualTo("s2");
        assertThat(next.previousItems().ids()).isEmpty();
        assertThat(profile.getRecentItems()).containsExactly("e", "d", "a", "c", "b");
    }

    @Test
    void countsSpendPurchasesAndCategoryAffinity() {
        UserProfile profile = new UserProfile();
        profile.observe(view("a", "s", 10), SETTINGS);
        SessionStep bought = profile.observe(new ClickEvent("p", 20, "u", "s", EventType.PURCHASE, "a", "shoes", 10.0,
                3, "o", null, null, null, null, null), SETTINGS);
        assertThat(bought.excludedItems()).containsExactly("a");
        assertThat(profile.getSpend()).isEqualTo(30.0);
        assertThat(profile.count(EventType.VIEW)).isEqualTo(1);
        assertThat(profile.count(EventType.PURCHASE)).isEqualTo(1);
        assertThat(profile.getFirstSeen()).isEqualTo(10);
        assertThat(profile.getLastSeen()).isEqualTo(20);
        assertThat(profile.affinity("shoes")).isEqualTo(5.0);
        assertThat(profile.affinity("hats")).isZero();
    }

    @Test
    void affinityDecaysAndKeepsTheStrongestCategories() {
        UserProfile profile = new UserProfile();
        long week = Duration.ofDays(7).toMillis();
        profile.observe(categoryView("x", 1), SETTINGS);
        profile.observe(categoryView("y", 1 + week), SETTINGS);
        assertThat(profile.affinity("x")).isEqualTo(0.5);
        profile.observe(categoryView("z", 1 + week), SETTINGS);
        assertThat(profile.affinity("x")).isZero();
        assertThat(profile.affinity("z")).isEqualTo(1.0);
    }

    private static ClickEvent view(String item, String session, long time) {
        return new ClickEvent("e" + time, time, "u", session, EventType.VIEW, item, null, null, 1, null, null, null,
                null, null, null);
    }

    private static ClickEvent categoryView(String category, long time) {
        return new ClickEvent("e" + time + category, time, "u", "s", EventType.VIEW, "i", category, null, 1, null,
                null, null, null, null, null);
    }
}
