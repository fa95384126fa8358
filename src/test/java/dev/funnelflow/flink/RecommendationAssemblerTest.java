package dev.funnelflow.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.job.JobConfig;
import dev.funnelflow.job.JobSettings;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.RecommendedItem;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RecommendationAssemblerTest {

    @Test
    void emitsOnceEveryListHasArrivedInAnyOrderThenForgetsTheRequest() throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of("funnelflow.recs.k", "2")));
        try (KeyedTwoInputStreamOperatorTestHarness<String, RecommendationRequest, CandidateList, Recommendation> harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new RecommendationAssembler(settings),
                        RecommendationRequest::recId, CandidateList::recId, Types.STRING)) {
            harness.processElement2(list(CandidateSource.COVISITATION, 1f, "x", "y"), 1);
            harness.processElement1(new RecommendationRequest("r", "u", "s", "e", 1, 3, new String[] {"x"}), 1);
            harness.processElement2(list(CandidateSource.COVISITATION, 0.5f, "z"), 1);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processElement2(list(CandidateSource.CATEGORY_POPULAR, 0.05f, "p"), 1);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(rec -> {
                assertThat(rec.recId()).isEqualTo("r");
                assertThat(rec.triggerEventId()).isEqualTo("e");
                assertThat(rec.items()).extracting(RecommendedItem::itemId).containsExactly("y", "z");
                assertThat(rec.modelVersion()).isNull();
            });
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private static CandidateList list(CandidateSource source, float weight, String... items) {
        float[] scores = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            scores[i] = items.length - i;
        }
        return new CandidateList("r", source, weight, items, scores);
    }
}
