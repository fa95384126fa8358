package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.event.DeviceType;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateList;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.ScoredItems;
import dev.funnelflow.recs.TestItems;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RecommendationAssemblerTest {

    private final JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of("funnelflow.recs.k", "2", "funnelflow.ranking.candidates", "2")));

    @Test
    void emitsOnceEveryListHasArrivedInAnyOrderThenForgetsTheRequest() throws Exception {
        RecommendationAssembler assembler = new RecommendationAssembler(settings.assembledCandidates());
        try (var harness = harness(assembler)) {
            harness.open();
            harness.processElement2(list(CandidateSource.COVISITATION, 1f, "x", "y"), 1);
            harness.processElement1(request(), 1);
            harness.processElement2(list(CandidateSource.COVISITATION, 0.5f, "z"), 1);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processElement2(list(CandidateSource.CATEGORY_POPULAR, 0.05f, "p"), 1);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(rec -> {
                assertThat(rec.request().recId()).isEqualTo("r");
                assertThat(rec.request().triggerEventId()).isEqualTo("e");
                assertThat(rec.candidates()).extracting(BlendedCandidate::itemId).containsExactly("y", "z");
                assertThat(rec.categoryConversion()).isEqualTo(0.03);
            });
            assertThat(assembler.pendingCount()).isZero();
        }
    }

    @Test
    void aHalfAssembledRecommendationSurvivesACheckpointRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness(new RecommendationAssembler(settings.assembledCandidates()))) {
            before.open();
            before.processElement2(list(CandidateSource.COVISITATION, 1f, "x", "y"), 1);
            before.processElement1(request(), 1);
            snapshot = before.snapshot(1, 2);
        }
        RecommendationAssembler restored = new RecommendationAssembler(settings.assembledCandidates());
        try (var after = harness(restored)) {
            after.initializeState(snapshot);
            after.open();
            assertThat(restored.pendingCount()).isEqualTo(1);
            after.processElement2(list(CandidateSource.COVISITATION, 0.5f, "z"), 3);
            after.processElement2(list(CandidateSource.POPULAR, 0.01f, "p"), 3);
            assertThat(after.extractOutputValues()).singleElement()
                    .satisfies(rec -> assertThat(rec.candidates()).extracting(BlendedCandidate::itemId)
                            .containsExactly("y", "z"));
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, RecommendationRequest, CandidateList, RankingRequest>
            harness(RecommendationAssembler assembler) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(assembler),
                RecommendationRequest::recId, CandidateList::recId, Types.STRING);
    }

    private static RecommendationRequest request() {
        return new RecommendationRequest("r", "u", "s", "e", 3, new String[] {"x"},
                new UserSnapshot(1, 0, 0, 0, 0, 0, 1, 1, new String[0], new String[0], new double[0]),
                new RequestContext(1, DeviceType.UNKNOWN, null, "cat"), null);
    }

    private static CandidateList list(CandidateSource source, float weight, String... items) {
        float[] scores = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            scores[i] = items.length - i;
        }
        return new CandidateList("r", source, weight, new ScoredItems(TestItems.ids(items), scores),
                source == CandidateSource.CATEGORY_POPULAR ? 0.03 : Double.NaN);
    }
}
