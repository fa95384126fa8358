package dev.funnelflow.flink;

import dev.funnelflow.event.DeviceType;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.RecommendationRequest;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;

/** Flink's serializer contract for the requests user-activity sends to assembly. */
class RecommendationRequestSerializerTest extends HandWrittenSerializerTest<RecommendationRequest> {

    RecommendationRequestSerializerTest() {
        super(WireTypes.RECOMMENDATION_REQUEST.createSerializer(new SerializerConfigImpl()), RecommendationRequest.class);
    }

    @Override
    protected RecommendationRequest[] getTestData() {
        UserSnapshot user = new UserSnapshot(2, 1, 30, 3, 1, 12.5, 1, 2, new String[] {"i1", "çà"},
                new String[] {"c1", null}, new double[] {1.5, Double.NaN});
        return new RecommendationRequest[] {
                new RecommendationRequest("r1", "u1", "s1", "e1", 7, new String[] {"x", "y"}, user,
                        new RequestContext(1_000, DeviceType.MOBILE, "app", "c1", 999),
                        BlendedCandidate.organic("o", "c1", 4.5)),
                new RecommendationRequest("r2", "u2", null, "e2", 1, new String[0],
                        new UserSnapshot(0, 0, 0, 0, 0, 0, 0, 0, new String[0], new String[0], new double[0]),
                        new RequestContext(2_000, null, null, null), null),
                new RecommendationRequest("r3", "u3", "s3", "e3", 2, new String[] {"z"}, null, null, null)};
    }
}
