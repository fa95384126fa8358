package dev.funnelflow.recs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.EventType;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PopularListsTest {

    private static final long HOUR = 3_600_000;

    @Test
    void countsEachSampleInTheShopsListAndItsCategorysAtItsWeight() {
        PopularLists lists = new PopularLists(settings(EnumSet.allOf(CandidateSource.class)));
        lists.learn(new PopularitySample("a", "shoes", 10f, EventType.VIEW, 10f, 0));
        lists.learn(new PopularitySample("b", "shoes", Float.NaN, EventType.VIEW, 10f, 0));
        lists.learn(new PopularitySample("b", "shoes", Float.NaN, EventType.VIEW, 10f, 0));
        lists.learn(new PopularitySample("h", "hats", 3f, EventType.VIEW, 10f, 0));
        lists.learn(new PopularitySample("x", null, 1f, EventType.VIEW, 10f, 0));

        ScoredItems shoes = lists.top(CandidateSource.CATEGORY_POPULAR, "shoes", 0);
        assertThat(shoes.items().ids()).containsExactly("b", "a");
        assertThat(shoes.scores()).containsExactly(20f, 10f);
        assertThat(shoes.items().price(1)).isEqualTo(10f);
        assertThat(shoes.items().category(0)).isEqualTo("shoes");
        assertThat(lists.top(CandidateSource.POPULAR, null, 0).items().ids()).hasSize(4).startsWith("b");
        assertThat(lists.top(CandidateSource.CATEGORY_POPULAR, "bags", 0).size()).isZero();
        assertThat(lists.byKey()).containsOnlyKeys("g:all", "c:shoes", "c:hats");
    }

    @Test
    void scoresFadeWithTheHalfLifeAndListsKeepTheirTopK() {
        PopularLists lists = new PopularLists(settings(EnumSet.of(CandidateSource.POPULAR)));
        for (int i = 0; i < 30; i++) {
            lists.learn(new PopularitySample("i" + i, "c", 1f, EventType.VIEW, i + 1, 0));
        }
        ScoredItems top = lists.top(CandidateSource.POPULAR, null, HOUR);
        assertThat(top.size()).isEqualTo(20);
        assertThat(top.items().id(0)).isEqualTo("i29");
        assertThat(top.scores()[0]).isEqualTo(15f);
        assertThat(lists.byKey()).containsOnlyKeys("g:all");
    }

    private static RecsSettings settings(Set<CandidateSource> sources) {
        return new RecsSettings(20, 100, 50, 200, HOUR, 0.5f, 0.1f, sources, 0.1f, 10_000);
    }
}
