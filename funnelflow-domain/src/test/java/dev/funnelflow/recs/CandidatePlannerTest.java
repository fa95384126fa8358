package dev.funnelflow.recs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CandidatePlannerTest {

    private final CandidatePlanner planner = new CandidatePlanner(settings(EnumSet.allOf(CandidateSource.class), 1f));

    @Test
    void teachesBothDirectionsWeightedByDistanceAndAsksEveryList() {
        List<ItemSignal> signals = planner.plan("e", item("b", "cat"), EventType.VIEW, TestItems.ids("a1", "a2"), "r1", 7);

        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:b", "i:a1", "i:a2", "c:cat", "g:all");
        ItemSignal trigger = signals.get(0);
        assertThat(trigger.coItems().ids()).containsExactly("a1", "a2");
        assertThat(trigger.coWeights()).containsExactly(0.5f, 0.25f);
        assertThat(trigger.lookupWeight()).isEqualTo(1f);
        assertThat(signals.get(2).coItems().ids()).containsExactly("b");
        assertThat(signals.get(2).coItems().category(0)).isEqualTo("cat");
        assertThat(signals.get(2).coWeights()).containsExactly(0.5f);
        assertThat(signals.get(2).lookupWeight()).isEqualTo(1f / 3);
        assertThat(signals.get(3).lookupWeight()).isEqualTo(0.1f);
        assertThat(signals).allMatch(s -> s.recId().equals("r1") && s.eventTime() == 7);
        assertThat(CandidatePlanner.lookups(signals)).isEqualTo(5);
    }

    @Test
    void anOlderSessionItemsNeighboursAnswerInProportionToTheirWeight() {
        RecsSettings settings = settings(EnumSet.allOf(CandidateSource.class), 1f);
        List<ItemSignal> signals = planner.plan("e", item("b", "cat"), EventType.VIEW, TestItems.ids("a1", "a2"), "r1", 7);

        assertThat(signals).extracting(s -> settings.returned(CandidateSource.ofKey(s.key()), s.lookupWeight()))
                .containsExactly(50, 25, 17, 20, 20);
    }

    @Test
    void asksOnlyTheChosenRecommenders() {
        CandidatePlanner popularOnly = new CandidatePlanner(settings(EnumSet.of(CandidateSource.POPULAR), 1f));
        assertThat(popularOnly.plan("e", item("b", "cat"), EventType.VIEW, TestItems.ids("a1"), "r1", 7))
                .extracting(ItemSignal::key).containsExactly("g:all");
    }

    @Test
    void learnsWithoutLookupsWhenNoRecommendationIsWanted() {
        List<ItemSignal> signals = planner.plan("e", item("b", null), EventType.VIEW, ItemRefs.NONE, null, 7);
        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:b", "g:all");
        assertThat(CandidatePlanner.lookups(signals)).isZero();
    }

    @Test
    void aDeterministicSampleOfEventsUpdatesPopularityAtScaledWeight() {
        CandidatePlanner sampling = new CandidatePlanner(settings(Set.of(CandidateSource.POPULAR), 0.25f));
        List<List<ItemSignal>> plans = IntStream.range(0, 4_000)
                .mapToObj(i -> sampling.plan("event-" + i, item("b", null), EventType.VIEW, ItemRefs.NONE, null, 7)).toList();
        long sampled = plans.stream().filter(p -> !p.isEmpty()).count();
        assertThat(sampled).isBetween(900L, 1_100L);
        assertThat(plans.stream().filter(p -> !p.isEmpty()).findFirst().orElseThrow().get(0).coWeights())
                .containsExactly(4f);
        assertThat(sampling.plan("event-1", item("b", null), EventType.VIEW, ItemRefs.NONE, null, 7))
                .isEqualTo(sampling.plan("event-1", item("b", null), EventType.VIEW, ItemRefs.NONE, null, 7));
    }

    private static ItemRefs item(String id, String category) {
        return ItemRefs.of(id, category, 9.5);
    }

    private static RecsSettings settings(Set<CandidateSource> sources, float sampleRate) {
        return new RecsSettings(20, 100, 50, 200, 1000, 0.5f, 0.1f, sources, sampleRate, 10_000);
    }
}
