package dev.funnelflow.flink;

import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.RecommendationRequest;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A request with its few dozen blended candidates, from assembly to ranking. */
final class RankingRequestSerializer extends WireSerializer<RankingRequest> {

    static final RankingRequestSerializer INSTANCE = new RankingRequestSerializer();

    private static final RecommendationRequestSerializer REQUESTS = RecommendationRequestSerializer.INSTANCE;

    @Override
    public RankingRequest createInstance() {
        return new RankingRequest(REQUESTS.createInstance(), new BlendedCandidate[0], Double.NaN);
    }

    @Override
    public void serialize(RankingRequest ranking, DataOutputView out) throws IOException {
        REQUESTS.serialize(ranking.request(), out);
        out.writeDouble(ranking.categoryConversion());
        out.writeInt(ranking.size());
        for (BlendedCandidate candidate : ranking.candidates()) {
            RecommendationRequestSerializer.writeCandidate(candidate, out);
        }
    }

    @Override
    public RankingRequest deserialize(DataInputView in) throws IOException {
        RecommendationRequest request = REQUESTS.deserialize(in);
        double categoryConversion = in.readDouble();
        BlendedCandidate[] candidates = new BlendedCandidate[in.readInt()];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = RecommendationRequestSerializer.readCandidate(in);
        }
        return new RankingRequest(request, candidates, categoryConversion);
    }

    @Override
    public TypeSerializerSnapshot<RankingRequest> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RankingRequest> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
