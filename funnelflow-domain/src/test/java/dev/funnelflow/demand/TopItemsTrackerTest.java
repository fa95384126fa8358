package dev.funnelflow.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopItemsTrackerTest {

    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;
    private static final long NO_DECAY = Long.MAX_VALUE / 4;

    @Test
    void theItemsWithTheMostVolumeJoin() {
        TopItemsTracker tracker = new TopItemsTracker(2, NO_DECAY);
        TopItemsTracker.Update update = tracker.update(TopItemsState.empty(), Map.of("c", 1.0, "a", 5.0, "b", 3.0), HOUR);
        assertThat(update.joined()).containsExactly("a", "b");
        assertThat(update.left()).isEmpty();
        assertThat(members(update.state())).containsExactlyInAnyOrder("a", "b");

        TopItemsTracker.Update quiet = tracker.update(update.state(), Map.of(), 2 * HOUR);
        assertThat(quiet.joined()).isEmpty();
        assertThat(quiet.left()).isEmpty();
    }

    @Test
    void fewerSellersThanPlacesAreAllMembers() {
        TopItemsTracker.Update update = new TopItemsTracker(100, NO_DECAY).update(TopItemsState.empty(),
                Map.of("a", 1.0), HOUR);
        assertThat(update.joined()).containsExactly("a");
    }

    @Test
    void aMemberKeepsItsPlaceUntilAnOutsiderHasAFifthMore() {
        TopItemsTracker tracker = new TopItemsTracker(1, NO_DECAY);
        TopItemsState state = tracker.update(TopItemsState.empty(), Map.of("a", 10.0), HOUR).state();

        TopItemsTracker.Update close = tracker.update(state, Map.of("b", 11.0), 2 * HOUR);
        assertThat(close.joined()).isEmpty(); // 11 against 10 plus the member's fifth

        TopItemsTracker.Update overtaken = tracker.update(close.state(), Map.of("b", 13.0), 3 * HOUR);
        assertThat(overtaken.joined()).containsExactly("b"); // 13 > 12
        assertThat(overtaken.left()).containsExactly("a");
        assertThat(members(overtaken.state())).containsExactly("b");
    }

    @Test
    void keptVolumesDecaySoANewBestsellerDisplacesAnOldOne() {
        TopItemsTracker tracker = new TopItemsTracker(1, DAY);
        TopItemsState state = tracker.update(TopItemsState.empty(), Map.of("old", 100.0), HOUR).state();
        // Four days on, the old bestseller counts 100/16 = 6.25; the newcomer reports 20.
        TopItemsTracker.Update update = tracker.update(state, Map.of("new", 20.0), 4 * DAY + HOUR);
        assertThat(update.joined()).containsExactly("new");
        assertThat(update.left()).containsExactly("old");
        int old = List.of(update.state().items()).indexOf("old");
        assertThat(update.state().volumes()[old]).isCloseTo(6.25, within(1e-9));
    }

    @Test
    void keepsTwoCandidatesPerPlaceAndStillFindsTheExactTop() {
        int n = 5;
        long halfLife = 2 * DAY;
        TopItemsTracker tracker = new TopItemsTracker(n, halfLife);
        Random random = new Random(11);
        Map<String, DecayedVolume> truth = new HashMap<>();
        TopItemsState state = TopItemsState.empty();
        for (int window = 1; window <= 24 * 14; window++) {
            long end = window * HOUR;
            Map<String, Double> reported = new HashMap<>();
            for (int sale = 0; sale < 30; sale++) {
                // Popularity drifts: item k sells most around hour 20·k.
                int item = (int) Math.abs(window / 20.0 + random.nextGaussian() * 4);
                String key = "item:" + item;
                DecayedVolume volume = truth.getOrDefault(key, DecayedVolume.NONE).plus(1, end, halfLife);
                truth.put(key, volume);
                reported.put(key, volume.volume());
            }
            state = tracker.update(state, reported, end).state();
            assertThat(state.items()).hasSizeLessThanOrEqualTo(TopItemsTracker.CANDIDATES_PER_MEMBER * n);
        }
        long now = 24 * 14 * HOUR;
        List<String> exactTop = truth.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().at(now, halfLife), a.getValue().at(now, halfLife)))
                .limit(n).map(Map.Entry::getKey).collect(Collectors.toList());
        // Members may lag the exact ranking by the stickiness margin, but the kept items contain the exact top.
        assertThat(state.items()).contains(exactTop.toArray(String[]::new));
        assertThat(members(state)).hasSize(n).containsAnyElementsOf(exactTop.subList(0, 3));
    }

    @Test
    void anItemWhoseVolumeDoesNotBeatTheLeastKeptIsNotKept() {
        TopItemsTracker tracker = new TopItemsTracker(1, NO_DECAY);
        TopItemsState full = tracker.update(TopItemsState.empty(), Map.of("a", 5.0, "b", 3.0), HOUR).state();
        TopItemsState unchanged = tracker.update(full, Map.of("c", 2.0), 2 * HOUR).state();
        assertThat(unchanged.items()).containsExactlyInAnyOrder("a", "b");
        TopItemsState replaced = tracker.update(unchanged, Map.of("c", 4.0), 3 * HOUR).state();
        assertThat(replaced.items()).containsExactlyInAnyOrder("a", "c");
    }

    private static List<String> members(TopItemsState state) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < state.items().length; i++) {
            if (state.members()[i]) {
                members.add(state.items()[i]);
            }
        }
        return members;
    }
}
