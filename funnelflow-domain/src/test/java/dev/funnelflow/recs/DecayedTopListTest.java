package dev.funnelflow.recs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.profile.ItemRefs;
import org.junit.jupiter.api.Test;

class DecayedTopListTest {

    private static final long HALF_LIFE = 1000;

    @Test
    void ranksByDecayedScore() {
        DecayedTopList list = new DecayedTopList();
        list.add(TestItems.ids("old"), 0, 3, 0, 10, HALF_LIFE);
        list.add(TestItems.ids("new"), 0, 2, 1000, 10, HALF_LIFE);
        ScoredItems top = list.top(10, 1000, HALF_LIFE);
        assertThat(top.items().ids()).containsExactly("new", "old");
        assertThat(top.scores()[1]).isCloseTo(1.5f, within(1e-6f));
        assertThat(list.top(1, 2000, HALF_LIFE).scores()[0]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void lateEvidenceCountsAtItsDecayedWeight() {
        DecayedTopList list = new DecayedTopList();
        list.add(TestItems.ids("a"), 0, 1, 2000, 10, HALF_LIFE);
        list.add(TestItems.ids("b"), 0, 4, 0, 10, HALF_LIFE);
        assertThat(list.top(2, 2000, HALF_LIFE).scores()).containsExactly(1f, 1f);
    }

    @Test
    void boundedListKeepsHeavyHittersAndAdmitsStrongNewcomers() {
        DecayedTopList list = new DecayedTopList();
        list.add(TestItems.ids("a"), 0, 5, 0, 2, HALF_LIFE);
        list.add(TestItems.ids("b"), 0, 1, 0, 2, HALF_LIFE);
        list.add(TestItems.ids("c"), 0, 0.5f, 0, 2, HALF_LIFE);
        assertThat(list.top(5, 0, HALF_LIFE).items().ids()).containsExactly("a", "b");
        list.add(TestItems.ids("d"), 0, 2, 0, 2, HALF_LIFE);
        assertThat(list.top(5, 0, HALF_LIFE).items().ids()).containsExactly("a", "d");
        assertThat(list.size()).isEqualTo(2);
    }

    @Test
    void entriesKeepTheLatestCategoryAndPriceTheyWereSeenWith() {
        DecayedTopList list = new DecayedTopList();
        list.add(new ItemRefs(new String[] {"a"}, new String[] {"shoes"}, new float[] {20}), 0, 1, 0, 2, HALF_LIFE);
        list.add(TestItems.ids("a"), 0, 1, 0, 2, HALF_LIFE);
        list.add(new ItemRefs(new String[] {"a"}, new String[] {null}, new float[] {18}), 0, 1, 0, 2, HALF_LIFE);
        ItemRefs top = list.top(1, 0, HALF_LIFE).items();
        assertThat(top.category(0)).isEqualTo("shoes");
        assertThat(top.price(0)).isEqualTo(18f);
    }

    @Test
    void repeatedEvidenceAccumulates() {
        DecayedTopList list = new DecayedTopList();
        list.add(TestItems.ids("a"), 0, 1, 0, 2, HALF_LIFE);
        list.add(TestItems.ids("a"), 0, 1, 0, 2, HALF_LIFE);
        assertThat(list.top(1, 0, HALF_LIFE).scores()[0]).isEqualTo(2f);
    }

    @Test
    void topIsBestFirstWithTiesInEntryOrder() {
        DecayedTopList list = new DecayedTopList();
        for (String item : new String[] {"a", "b", "c", "d", "e"}) {
            list.add(TestItems.ids(item), 0, 1, 0, 10, HALF_LIFE);
        }
        list.setScores(new float[] {1, 3, 3, 0, 2.5f});
        assertThat(list.top(5, 0, HALF_LIFE).items().ids()).containsExactly("b", "c", "e", "a", "d");
        assertThat(list.top(2, 0, HALF_LIFE).scores()).containsExactly(3f, 3f);
    }
}
