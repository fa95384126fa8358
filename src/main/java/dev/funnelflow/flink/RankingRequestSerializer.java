package dev.funnelflow.flink;

import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.RecommendationRequest;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A request with its blended candidates, from assembly to ranking: the request through Flink's POJO serializer,
 * the few dozen candidates by hand ({@link CompactCodec}, no reflection), as they are most of the record.
 */
final class RankingRequestSerializer extends TypeSerializer<RankingRequest> {

    private static final CandidateSource[] SOURCES = CandidateSource.values();
    /** Written for a candidate without a source (an organic item). */
    private static final int NO_SOURCE = 0xFF;

    private final TypeSerializer<RecommendationRequest> requests;

    RankingRequestSerializer(TypeSerializer<RecommendationRequest> requests) {
        this.requests = requests;
    }

    /** Never changed once emitted, like the records of {@link WireSerializer}: a copy is the record itself. */
    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<RankingRequest> duplicate() {
        TypeSerializer<RecommendationRequest> duplicate = requests.duplicate();
        return duplicate == requests ? this : new RankingRequestSerializer(duplicate);
    }

    @Override
    public RankingRequest createInstance() {
        return new RankingRequest(requests.createInstance(), new BlendedCandidate[0], Double.NaN);
    }

    @Override
    public RankingRequest copy(RankingRequest from) {
        return from;
    }

    @Override
    public RankingRequest copy(RankingRequest from, RankingRequest reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RankingRequest ranking, DataOutputView out) throws IOException {
        requests.serialize(ranking.request(), out);
        out.writeDouble(ranking.categoryConversion());
        out.writeInt(ranking.size());
        for (BlendedCandidate candidate : ranking.candidates()) {
            CompactCodec.write(candidate.itemId(), out);
            CompactCodec.write(candidate.categoryId(), out);
            out.writeFloat(candidate.price());
            out.writeDouble(candidate.score());
            out.writeByte(candidate.source() == null ? NO_SOURCE : candidate.source().ordinal());
            CompactCodec.writeFloats(candidate.sourceScores(), out);
            out.writeInt(candidate.rank());
        }
    }

    @Override
    public RankingRequest deserialize(DataInputView in) throws IOException {
        RecommendationRequest request = requests.deserialize(in);
        double categoryConversion = in.readDouble();
        BlendedCandidate[] candidates = new BlendedCandidate[in.readInt()];
        for (int i = 0; i < candidates.length; i++) {
            String itemId = CompactCodec.read(in);
            String categoryId = CompactCodec.read(in);
            float price = in.readFloat();
            double score = in.readDouble();
            int source = in.readUnsignedByte();
            float[] sourceScores = CompactCodec.readFloats(in);
            candidates[i] = new BlendedCandidate(itemId, categoryId, price, score,
                    source == NO_SOURCE ? null : SOURCES[source], sourceScores, in.readInt());
        }
        return new RankingRequest(request, candidates, categoryConversion);
    }

    @Override
    public RankingRequest deserialize(RankingRequest reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RankingRequestSerializer that && requests.equals(that.requests);
    }

    @Override
    public int hashCode() {
        return requests.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<RankingRequest> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The request serializer's own snapshot nested in ours; bump the version when the candidates' layout changes. */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<RankingRequest, RankingRequestSerializer> {

        private static final int VERSION = 1;

        public Snapshot() {}

        Snapshot(RankingRequestSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(RankingRequestSerializer outer) {
            return new TypeSerializer<?>[] {outer.requests};
        }

        @SuppressWarnings("unchecked")
        @Override
        protected RankingRequestSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new RankingRequestSerializer((TypeSerializer<RecommendationRequest>) nested[0]);
        }
    }
}
