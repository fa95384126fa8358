package dev.funnelflow.recs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DecayedTopListTest {

    private static final long HALF_LIFE = 1000;

    @Test
    void ranksByDecayedScore() {
        DecayedTopList list = new DecayedTopList();
        list.add("old", 3, 0, 10, HALF_LIFE);
        list.add("new", 2, 1000, 10, HALF_LIFE);
        ScoredItems top = list.top(10, 1000, HALF_LIFE);
        assertThat(top.items()).containsExactly("new", "old");
        assertThat(top.scores()[1]).isCloseTo(1.5f, within(1e-6f));
        assertThat(list.top(1, 2000, HALF_LIFE).scores()[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void lateEvidenceCountsAtItsDecayedWeight() {
        DecayedTopList list = new DecayedTopList();
        list.add("a", 1, 2000, 10, HALF_LIFE);
        list.add("b", 4, 0, 10, HALF_LIFE);
        assertThat(list.top(2, 2000, HALF_LIFE).scores()).containsExactly(1f, 1f);
    }

    @Test
    void boundedListKeepsHeavyHittersAndAdmitsStrongNewcomers() {
        DecayedTopList list = new DecayedTopList();
        list.add("a", 5, 0, 2, HALF_LIFE);
        list.add("b", 1, 0, 2, HALF_LIFE);
        list.add("c", 0.5f, 0, 2, HALF_LIFE);
        assertThat(list.top(5, 0, HALF_LIFE).items()).containsExactly("a", "b");
        list.add("d", 2, 0, 2, HALF_LIFE);
        assertThat(list.top(5, 0, HALF_LIFE).items()).containsExactly("a", "d");
        assertThat(list.size()).isEqualTo(2);
    }

    @Test
    void repeatedEvidenceAccumulates() {
        DecayedTopList list = new DecayedTopList();
        list.add("a", 1, 0, 2, HALF_LIFE);
        list.add("a", 1, 0, 2, HALF_LIFE);
        assertThat(list.top(1, 0, HALF_LIFE).scores()[0]).isEqualTo(2f);
    }
}
