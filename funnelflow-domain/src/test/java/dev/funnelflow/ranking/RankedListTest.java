package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.DeviceType;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.RecommendedItem;
import org.junit.jupiter.api.Test;

class RankedListTest {

    /** a: likely clicked, rarely bought, cheap; b: bought more often; c: expensive, price unknown for d. */
    private final RankingRequest request = request(candidate("a", 5f), candidate("b", 10f), candidate("c", 100f),
            candidate("d", Float.NaN));
    private final float[] outputs = {0.5f, 0.01f, 0.3f, 0.1f, 0.2f, 0.06f, 0.1f, 0.1f};

    @Test
    void ordersByTheObjective() {
        assertThat(items(RankingObjective.CLICK)).containsExactly("a", "b", "c", "d");
        assertThat(items(RankingObjective.CLICK_CONVERT)).containsExactly("b", "c", "d", "a");
        // d's unknown price counts as the list's median known price (10).
        assertThat(items(RankingObjective.REVENUE)).containsExactly("c", "b", "d", "a");
    }

    @Test
    void carriesProbabilitiesAndModelAndCutsToK() {
        Recommendation rec = RankedList.ranked(request, outputs, "ctr-1+cvr-1", RankingObjective.CLICK_CONVERT, 2, 9);
        assertThat(rec.items()).hasSize(2);
        assertThat(rec.items()[0].pClick()).isEqualTo(0.3);
        assertThat(rec.items()[0].pConvert()).isEqualTo(0.1);
        assertThat(rec.items()[0].score()).isEqualTo(0.03);
        assertThat(rec.modelVersion()).isEqualTo("ctr-1+cvr-1");
        assertThat(rec.emittedAt()).isEqualTo(9);
    }

    @Test
    void aMissingModelCountsAsCertaintyAndLeavesItsProbabilityOut() {
        float[] clickOnly = {0.2f, Float.NaN, 0.4f, Float.NaN, 0.1f, Float.NaN, 0.3f, Float.NaN};
        Recommendation rec = RankedList.ranked(request, clickOnly, "ctr-1", RankingObjective.CLICK_CONVERT, 4, 0);
        assertThat(rec.items()).extracting(RecommendedItem::itemId).containsExactly("b", "d", "a", "c");
        assertThat(rec.items()[0].pConvert()).isNull();
    }

    @Test
    void unrankedListsKeepTheBlendedOrder() {
        Recommendation rec = RankedList.unranked(request, 3, 0);
        assertThat(rec.items()).extracting(RecommendedItem::itemId).containsExactly("a", "b", "c");
        assertThat(rec.items()).allMatch(item -> item.pClick() == null && item.source().equals("covisitation"));
        assertThat(rec.modelVersion()).isNull();
    }

    @Test
    void variantsSplitUsersStablyAtTheConfiguredShare() {
        long challengers = java.util.stream.IntStream.range(0, 20_000)
                .filter(i -> Variant.of("user-" + i, 0.2) == Variant.CHALLENGER).count();
        assertThat(challengers).isBetween(3_700L, 4_300L);
        assertThat(Variant.of("user-7", 0.2)).isEqualTo(Variant.of("user-7", 0.2));
        assertThat(Variant.of("user-7", 0)).isEqualTo(Variant.CHAMPION);
    }

    private String[] items(RankingObjective objective) {
        return java.util.Arrays.stream(RankedList.ranked(request, outputs, "m", objective, 4, 0).items())
                .map(RecommendedItem::itemId).toArray(String[]::new);
    }

    private static BlendedCandidate candidate(String item, float price) {
        return new BlendedCandidate(item, "cat", price, 1, CandidateSource.COVISITATION, new float[3], 0);
    }

    private static RankingRequest request(BlendedCandidate... candidates) {
        return new RankingRequest(new RecommendationRequest("r", "u", "s", "e", 1, new String[0],
                new UserSnapshot(1, 0, 0, 0, 0, 0, 1, 1, new String[0], new String[0], new double[0]),
                new RequestContext(1, DeviceType.UNKNOWN, null, null), null), candidates, 0.02);
    }
}
