package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.AmountHistory;
import dev.funnelflow.alerts.fraud.Cadence;
import dev.funnelflow.alerts.fraud.CountryTrail;
import dev.funnelflow.alerts.fraud.RecentPurchases;
import dev.funnelflow.alerts.fraud.RecentTimes;
import dev.funnelflow.alerts.fraud.SignupClock;
import dev.funnelflow.alerts.fraud.UserRiskState;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A user's fraud features, read and rewritten on every accepted event of the user. Eight nested objects, each
 * written after a presence flag (the POJO serializer allowed null fields, and migrated state may have them).
 */
public final class UserRiskStateSerializer extends StateSerializer<UserRiskState> {

    public static final UserRiskStateSerializer INSTANCE = new UserRiskStateSerializer();

    private static final DistinctRecentSerializer DISTINCT = DistinctRecentSerializer.INSTANCE;

    @Override
    public UserRiskState createInstance() {
        return new UserRiskState();
    }

    @Override
    public void serialize(UserRiskState state, DataOutputView out) throws IOException {
        RecentTimes events = state.getEvents();
        if (present(events, out)) {
            CompactCodec.writeLongs(events.getTimes(), out);
            out.writeInt(events.getNext());
            out.writeInt(events.getSize());
        }
        RecentPurchases purchases = state.getPurchases();
        if (present(purchases, out)) {
            CompactCodec.writeLongs(purchases.getTimes(), out);
            CompactCodec.writeDoublesOrNull(purchases.getAmounts(), out);
            out.writeInt(purchases.getNext());
            out.writeInt(purchases.getSize());
        }
        DISTINCT.serialize(state.getCards(), out);
        DISTINCT.serialize(state.getDevices(), out);
        AmountHistory amounts = state.getAmounts();
        if (present(amounts, out)) {
            out.writeLong(amounts.getCount());
            out.writeDouble(amounts.getMean());
            out.writeDouble(amounts.getSumSquares());
        }
        Cadence cadence = state.getCadence();
        if (present(cadence, out)) {
            CompactCodec.writeDoublesOrNull(cadence.getGapsSeconds(), out);
            out.writeInt(cadence.getNext());
            out.writeInt(cadence.getSize());
            out.writeLong(cadence.getLastTime());
        }
        CountryTrail country = state.getCountry();
        if (present(country, out)) {
            CompactCodec.write(country.getCountry(), out);
            out.writeLong(country.getLastSeen());
        }
        SignupClock signup = state.getSignup();
        if (present(signup, out)) {
            out.writeLong(signup.getSignupTime());
            out.writeBoolean(signup.isPurchased());
        }
    }

    @Override
    public UserRiskState deserialize(DataInputView in) throws IOException {
        UserRiskState state = new UserRiskState();
        RecentTimes events = null;
        if (in.readBoolean()) {
            events = new RecentTimes();
            events.setTimes(CompactCodec.readLongs(in));
            events.setNext(in.readInt());
            events.setSize(in.readInt());
        }
        state.setEvents(events);
        RecentPurchases purchases = null;
        if (in.readBoolean()) {
            purchases = new RecentPurchases();
            purchases.setTimes(CompactCodec.readLongs(in));
            purchases.setAmounts(CompactCodec.readDoublesOrNull(in));
            purchases.setNext(in.readInt());
            purchases.setSize(in.readInt());
        }
        state.setPurchases(purchases);
        state.setCards(DISTINCT.deserialize(in));
        state.setDevices(DISTINCT.deserialize(in));
        AmountHistory amounts = null;
        if (in.readBoolean()) {
            amounts = new AmountHistory();
            amounts.setCount(in.readLong());
            amounts.setMean(in.readDouble());
            amounts.setSumSquares(in.readDouble());
        }
        state.setAmounts(amounts);
        Cadence cadence = null;
        if (in.readBoolean()) {
            cadence = new Cadence();
            cadence.setGapsSeconds(CompactCodec.readDoublesOrNull(in));
            cadence.setNext(in.readInt());
            cadence.setSize(in.readInt());
            cadence.setLastTime(in.readLong());
        }
        state.setCadence(cadence);
        CountryTrail country = null;
        if (in.readBoolean()) {
            country = new CountryTrail();
            country.setCountry(CompactCodec.read(in));
            country.setLastSeen(in.readLong());
        }
        state.setCountry(country);
        SignupClock signup = null;
        if (in.readBoolean()) {
            signup = new SignupClock();
            signup.setSignupTime(in.readLong());
            signup.setPurchased(in.readBoolean());
        }
        state.setSignup(signup);
        return state;
    }

    private static boolean present(Object field, DataOutputView out) throws IOException {
        out.writeBoolean(field != null);
        return field != null;
    }

    @Override
    public TypeSerializerSnapshot<UserRiskState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores {@link #INSTANCE}; a change of the byte layout needs a new snapshot version. */
    public static final class Snapshot extends MigratingFromPojo<UserRiskState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
