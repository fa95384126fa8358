package dev.funnelflow.recs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidateBlenderTest {

    @Test
    void weighsListsNormalisesByTheirBestAndExcludes() {
        CandidateBlender blender = new CandidateBlender();
        blender.add(CandidateSource.COVISITATION, 1f, list(new String[] {"x", "y"}, new float[] {10, 5}));
        blender.add(CandidateSource.COVISITATION, 0.5f, list(new String[] {"y", "z"}, new float[] {2, 2}));
        blender.add(CandidateSource.CATEGORY_POPULAR, 0.05f, list(new String[] {"p", "x", "trigger"}, new float[] {100, 50, 10}));

        List<BlendedCandidate> top = blender.top(10, Set.of("trigger"));

        assertThat(top).extracting(BlendedCandidate::itemId).containsExactly("x", "y", "z", "p");
        assertThat(top.get(0).score()).isEqualTo(1.025);
        assertThat(top.get(1).score()).isEqualTo(1.0);
        assertThat(top).extracting(BlendedCandidate::source).containsExactly(CandidateSource.COVISITATION,
                CandidateSource.COVISITATION, CandidateSource.COVISITATION, CandidateSource.CATEGORY_POPULAR);
        assertThat(top.get(0).sourceScore(CandidateSource.COVISITATION)).isEqualTo(1f);
        assertThat(top.get(0).sourceScore(CandidateSource.CATEGORY_POPULAR)).isEqualTo(0.025f);
        assertThat(top).extracting(BlendedCandidate::rank).containsExactly(0, 1, 2, 3);
    }

    @Test
    void cutsAtKWithDeterministicTies() {
        CandidateBlender blender = new CandidateBlender();
        blender.add(CandidateSource.POPULAR, 1f, list(new String[] {"b", "a", "c"}, new float[] {1, 1, 1}));
        assertThat(blender.top(2, Set.of())).extracting(BlendedCandidate::itemId).containsExactly("a", "b");
    }

    private static ScoredItems list(String[] items, float[] scores) {
        return new ScoredItems(TestItems.ids(items), scores);
    }
}
