package dev.funnelflow.recs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CandidatePlannerTest {

    private final CandidatePlanner planner = new CandidatePlanner(new RecsSettings(20, 100, 50, 200, 1000, 0.5f, 0.1f));

    @Test
    void teachesBothDirectionsWeightedByDistanceAndAsksEveryList() {
        List<ItemSignal> signals = planner.plan("b", "cat", new String[] {"a1", "a2"}, "r1", 7);

        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:b", "i:a1", "i:a2", "c:cat", "g:all");
        ItemSignal trigger = signals.get(0);
        assertThat(trigger.coItems()).containsExactly("a1", "a2");
        assertThat(trigger.coWeights()).containsExactly(0.5f, 0.25f);
        assertThat(trigger.lookupWeight()).isEqualTo(1f);
        assertThat(signals.get(2).coItems()).containsExactly("b");
        assertThat(signals.get(2).coWeights()).containsExactly(0.5f);
        assertThat(signals.get(2).lookupWeight()).isEqualTo(1f / 3);
        assertThat(signals.get(3).lookupWeight()).isEqualTo(0.1f);
        assertThat(signals).allMatch(s -> s.recId().equals("r1") && s.eventTime() == 7);
        assertThat(CandidatePlanner.lookups(signals)).isEqualTo(5);
    }

    @Test
    void learnsWithoutLookupsWhenNoRecommendationIsWanted() {
        List<ItemSignal> signals = planner.plan("b", null, new String[0], null, 7);
        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:b", "g:all");
        assertThat(CandidatePlanner.lookups(signals)).isZero();
    }
}
