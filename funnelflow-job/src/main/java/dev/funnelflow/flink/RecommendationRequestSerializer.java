package dev.funnelflow.flink;

import dev.funnelflow.event.DeviceType;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.RecommendationRequest;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A recommendation request with the user's features, sent for every view twice: from user-activity to assembly,
 * and inside each {@link RankingRequestSerializer ranking request}. Strings go through {@link CompactCodec}; the
 * blended-candidate layout is shared with the ranking request's candidates.
 */
final class RecommendationRequestSerializer extends WireSerializer<RecommendationRequest> {

    static final RecommendationRequestSerializer INSTANCE = new RecommendationRequestSerializer();

    private static final DeviceType[] DEVICES = DeviceType.values();
    private static final CandidateSource[] SOURCES = CandidateSource.values();
    /** Written for a missing enum value: an unknown device, or a candidate without a source (an organic item). */
    private static final int NONE = 0xFF;

    @Override
    public RecommendationRequest createInstance() {
        return new RecommendationRequest("", "", null, "", 0, new String[0], null, null, null);
    }

    @Override
    public void serialize(RecommendationRequest request, DataOutputView out) throws IOException {
        CompactCodec.write(request.recId(), out);
        CompactCodec.write(request.userId(), out);
        CompactCodec.write(request.sessionId(), out);
        CompactCodec.write(request.triggerEventId(), out);
        out.writeInt(request.expectedLists());
        CompactCodec.writeArray(request.excludedItems(), out);
        writeUser(request.user(), out);
        writeContext(request.context(), out);
        out.writeBoolean(request.organic() != null);
        if (request.organic() != null) {
            writeCandidate(request.organic(), out);
        }
    }

    @Override
    public RecommendationRequest deserialize(DataInputView in) throws IOException {
        String recId = CompactCodec.read(in);
        String userId = CompactCodec.read(in);
        String sessionId = CompactCodec.read(in);
        String triggerEventId = CompactCodec.read(in);
        int expectedLists = in.readInt();
        String[] excludedItems = CompactCodec.readArray(in);
        UserSnapshot user = readUser(in);
        RequestContext context = readContext(in);
        BlendedCandidate organic = in.readBoolean() ? readCandidate(in) : null;
        return new RecommendationRequest(recId, userId, sessionId, triggerEventId, expectedLists, excludedItems, user,
                context, organic);
    }

    static void writeCandidate(BlendedCandidate candidate, DataOutputView out) throws IOException {
        CompactCodec.write(candidate.itemId(), out);
        CompactCodec.write(candidate.categoryId(), out);
        out.writeFloat(candidate.price());
        out.writeDouble(candidate.score());
        out.writeByte(candidate.source() == null ? NONE : candidate.source().ordinal());
        CompactCodec.writeFloats(candidate.sourceScores(), out);
        out.writeInt(candidate.rank());
    }

    static BlendedCandidate readCandidate(DataInputView in) throws IOException {
        String itemId = CompactCodec.read(in);
        String categoryId = CompactCodec.read(in);
        float price = in.readFloat();
        double score = in.readDouble();
        int source = in.readUnsignedByte();
        float[] sourceScores = CompactCodec.readFloats(in);
        return new BlendedCandidate(itemId, categoryId, price, score, source == NONE ? null : SOURCES[source],
                sourceScores, in.readInt());
    }

    private static void writeUser(UserSnapshot user, DataOutputView out) throws IOException {
        out.writeBoolean(user != null);
        if (user == null) {
            return;
        }
        out.writeLong(user.firstSeen());
        out.writeLong(user.previousEventTime());
        out.writeInt(user.views());
        out.writeInt(user.carts());
        out.writeInt(user.purchases());
        out.writeDouble(user.spend());
        out.writeLong(user.sessionStart());
        out.writeInt(user.sessionEvents());
        CompactCodec.writeArray(user.recentItems(), out);
        CompactCodec.writeArray(user.affinityCategories(), out);
        CompactCodec.writeDoubles(user.affinityScores(), out);
    }

    private static UserSnapshot readUser(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new UserSnapshot(in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readInt(),
                in.readDouble(), in.readLong(), in.readInt(), CompactCodec.readArray(in), CompactCodec.readArray(in),
                CompactCodec.readDoubles(in));
    }

    private static void writeContext(RequestContext context, DataOutputView out) throws IOException {
        out.writeBoolean(context != null);
        if (context == null) {
            return;
        }
        out.writeLong(context.eventTime());
        out.writeByte(context.device() == null ? NONE : context.device().ordinal());
        CompactCodec.write(context.channel(), out);
        CompactCodec.write(context.categoryId(), out);
        out.writeLong(context.readAt());
    }

    private static RequestContext readContext(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long eventTime = in.readLong();
        int device = in.readUnsignedByte();
        return new RequestContext(eventTime, device == NONE ? null : DEVICES[device], CompactCodec.read(in),
                CompactCodec.read(in), in.readLong());
    }

    @Override
    public TypeSerializerSnapshot<RecommendationRequest> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RecommendationRequest> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
