package dev.funnelflow.recs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CandidatePlannerTest {

    private final CandidatePlanner planner = new CandidatePlanner(settings(EnumSet.allOf(CandidateSource.class), 1f));

    @Test
    void teachesBothDirectionsWeightedByDistanceAndAsksPopularityWithTheTrigger() {
        List<ItemSignal> signals = planner.plan(item("b", "cat"), EventType.VIEW, TestItems.ids("a1", "a2"), "r1", 7);

        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:b", "i:a1", "i:a2");
        ItemSignal trigger = signals.get(0);
        assertThat(trigger.coItems().ids()).containsExactly("a1", "a2");
        assertThat(trigger.coWeights()).containsExactly(0.5f, 0.25f);
        assertThat(trigger.lookupWeight()).isEqualTo(1f);
        assertThat(trigger.asksPopularity()).isTrue();
        assertThat(trigger.category()).isEqualTo("cat");
        assertThat(signals.get(2).coItems().ids()).containsExactly("b");
        assertThat(signals.get(2).coItems().category(0)).isEqualTo("cat");
        assertThat(signals.get(2).coWeights()).containsExactly(0.5f);
        assertThat(signals.get(2).lookupWeight()).isEqualTo(1f / 3);
        assertThat(signals.subList(1, 3)).noneMatch(ItemSignal::asksPopularity);
        assertThat(signals).allMatch(s -> s.recId().equals("r1") && s.eventTime() == 7);
        // Three neighbour lists, the category's and the shop's.
        assertThat(planner.expectedLists(signals)).isEqualTo(5);
    }

    @Test
    void anOlderSessionItemsNeighboursAnswerInProportionToTheirWeight() {
        RecsSettings settings = settings(EnumSet.allOf(CandidateSource.class), 1f);
        List<ItemSignal> signals = planner.plan(item("b", "cat"), EventType.VIEW, TestItems.ids("a1", "a2"), "r1", 7);

        assertThat(signals).extracting(s -> settings.neighboursFor(s.lookupWeight())).containsExactly(50, 25, 17);
    }

    @Test
    void anItemWithoutCategoryGetsOnlyTheShopsPopularity() {
        List<ItemSignal> signals = planner.plan(item("b", null), EventType.VIEW, ItemRefs.NONE, "r1", 7);
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.asksPopularity()).isTrue());
        assertThat(planner.expectedLists(signals)).isEqualTo(2);
    }

    @Test
    void popularityAloneStillSendsOneSignalToCarryTheRequest() {
        CandidatePlanner popularOnly = new CandidatePlanner(settings(EnumSet.of(CandidateSource.POPULAR), 1f));
        List<ItemSignal> signals = popularOnly.plan(item("b", "cat"), EventType.VIEW, TestItems.ids("a1"), "r1", 7);
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("i:b");
            assertThat(s.asksList()).isFalse();
            assertThat(s.asksPopularity()).isTrue();
            assertThat(s.coItems().size()).isZero();
        });
        assertThat(popularOnly.expectedLists(signals)).isEqualTo(1);
        CandidatePlanner neighboursOnly = new CandidatePlanner(settings(EnumSet.of(CandidateSource.COVISITATION), 1f));
        assertThat(neighboursOnly.plan(item("b", "cat"), EventType.VIEW, TestItems.ids("a1"), "r1", 7))
                .noneMatch(ItemSignal::asksPopularity);
    }

    @Test
    void learnsWithoutLookupsWhenNoRecommendationIsWanted() {
        List<ItemSignal> signals = planner.plan(item("b", null), EventType.VIEW, ItemRefs.NONE, null, 7);
        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:b");
        assertThat(signals.get(0).asksPopularity()).isFalse();
        assertThat(planner.expectedLists(signals)).isZero();
    }

    @Test
    void aDeterministicSampleOfEventsUpdatesPopularityAtScaledWeight() {
        CandidatePlanner sampling = new CandidatePlanner(settings(Set.of(CandidateSource.POPULAR), 0.25f));
        List<PopularitySample> samples = IntStream.range(0, 4_000)
                .mapToObj(i -> sampling.sample("event-" + i, item("b", "cat"), EventType.VIEW, 7)).toList();
        assertThat(samples.stream().filter(Objects::nonNull).count()).isBetween(900L, 1_100L);
        PopularitySample first = samples.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        assertThat(first).isEqualTo(new PopularitySample("b", "cat", 9.5f, EventType.VIEW, 4f, 7));
        assertThat(sampling.sample("event-1", item("b", null), EventType.VIEW, 7))
                .isEqualTo(sampling.sample("event-1", item("b", null), EventType.VIEW, 7));
        CandidatePlanner noPopularity = new CandidatePlanner(settings(Set.of(CandidateSource.COVISITATION), 1f));
        assertThat(noPopularity.sample("event-1", item("b", "cat"), EventType.VIEW, 7)).isNull();
    }

    private static ItemRefs item(String id, String category) {
        return ItemRefs.of(id, category, 9.5);
    }

    private static RecsSettings settings(Set<CandidateSource> sources, float sampleRate) {
        return new RecsSettings(20, 100, 50, 200, 1000, 0.5f, 0.1f, sources, sampleRate, 10_000);
    }
}
