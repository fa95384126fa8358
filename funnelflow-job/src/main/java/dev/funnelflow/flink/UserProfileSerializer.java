package dev.funnelflow.flink;

import dev.funnelflow.profile.UserProfile;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A user's profile and session, read and rewritten on every accepted event of the user. */
public final class UserProfileSerializer extends StateSerializer<UserProfile> {

    public static final UserProfileSerializer INSTANCE = new UserProfileSerializer();

    @Override
    public UserProfile createInstance() {
        return new UserProfile();
    }

    @Override
    public void serialize(UserProfile profile, DataOutputView out) throws IOException {
        out.writeLong(profile.getFirstSeen());
        out.writeLong(profile.getLastSeen());
        CompactCodec.writeInts(profile.getEventCounts(), out);
        out.writeDouble(profile.getSpend());
        CompactCodec.writeArrayOrNull(profile.getRecentItems(), out);
        CompactCodec.writeArrayOrNull(profile.getPurchasedItems(), out);
        CompactCodec.writeArrayOrNull(profile.getAffinityCategories(), out);
        CompactCodec.writeDoublesOrNull(profile.getAffinityScores(), out);
        out.writeLong(profile.getAffinityTime());
        CompactCodec.write(profile.getSessionId(), out);
        out.writeLong(profile.getSessionStart());
        out.writeInt(profile.getSessionEvents());
        CompactCodec.writeArrayOrNull(profile.getSessionItems(), out);
        CompactCodec.writeArrayOrNull(profile.getSessionCategories(), out);
        CompactCodec.writeFloatsOrNull(profile.getSessionPrices(), out);
        out.writeLong(profile.getLabellingUntil());
        out.writeInt(profile.getDerivedSessions());
        out.writeLong(profile.getDerivedLastSeen());
        CompactCodec.writeArrayOrNull(profile.getDevices(), out);
        CompactCodec.writeArrayOrNull(profile.getIps(), out);
    }

    @Override
    public UserProfile deserialize(DataInputView in) throws IOException {
        UserProfile profile = new UserProfile();
        profile.setFirstSeen(in.readLong());
        profile.setLastSeen(in.readLong());
        profile.setEventCounts(CompactCodec.readInts(in));
        profile.setSpend(in.readDouble());
        profile.setRecentItems(CompactCodec.readArrayOrNull(in));
        profile.setPurchasedItems(CompactCodec.readArrayOrNull(in));
        profile.setAffinityCategories(CompactCodec.readArrayOrNull(in));
        profile.setAffinityScores(CompactCodec.readDoublesOrNull(in));
        profile.setAffinityTime(in.readLong());
        profile.setSessionId(CompactCodec.read(in));
        profile.setSessionStart(in.readLong());
        profile.setSessionEvents(in.readInt());
        profile.setSessionItems(CompactCodec.readArrayOrNull(in));
        profile.setSessionCategories(CompactCodec.readArrayOrNull(in));
        profile.setSessionPrices(CompactCodec.readFloatsOrNull(in));
        profile.setLabellingUntil(in.readLong());
        profile.setDerivedSessions(in.readInt());
        profile.setDerivedLastSeen(in.readLong());
        profile.setDevices(CompactCodec.readArrayOrNull(in));
        profile.setIps(CompactCodec.readArrayOrNull(in));
        return profile;
    }

    @Override
    public TypeSerializerSnapshot<UserProfile> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends MigratingFromPojo<UserProfile> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
