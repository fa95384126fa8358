package dev.funnelflow.flink;

import dev.funnelflow.event.DeviceType;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.RecommendationRequest;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;

/** Flink's serializer contract for requests with their candidates, from assembly to ranking. */
class RankingRequestSerializerTest extends HandWrittenSerializerTest<RankingRequest> {

    RankingRequestSerializerTest() {
        super(WireTypes.RANKING_REQUEST.createSerializer(new SerializerConfigImpl()), RankingRequest.class);
    }

    @Override
    protected RankingRequest[] getTestData() {
        BlendedCandidate organic = BlendedCandidate.organic("o", null, null);
        RecommendationRequest request = new RecommendationRequest("r1", "u1", "s1", "e1", 3, new String[] {"x"},
                new UserSnapshot(2, 1, 30, 3, 1, 0, 1, 2, new String[] {"c1"}, new String[] {"x"}, new double[] {1}),
                new RequestContext(1_000, DeviceType.MOBILE, "app", "c1"), organic);
        BlendedCandidate[] candidates = {
                new BlendedCandidate("a", "c1", 9.99f, 2.5, CandidateSource.COVISITATION, new float[] {2f, 0.5f, 0f}, 0),
                new BlendedCandidate("çà", null, Float.NaN, 0.1, CandidateSource.POPULAR, new float[] {0f, 0f, 0.1f}, 1),
                organic};
        return new RankingRequest[] {
                new RankingRequest(request, candidates, 0.02),
                new RankingRequest(request, new BlendedCandidate[0], Double.NaN)};
    }
}
