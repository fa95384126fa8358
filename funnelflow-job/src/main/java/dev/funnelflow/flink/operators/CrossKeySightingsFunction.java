package dev.funnelflow.flink.operators;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.DistinctRecent;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.flink.DistinctRecentSerializer;
import dev.funnelflow.flink.WireTypes;
import dev.funnelflow.flink.routing.CrossKeyForget;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device (or IP): remembers which users were seen on it and when, and attaches those times to the lookup
 * before it goes on to the user's key, where its event waits for it. Cross-key counts cannot live in the user's
 * state: a device farm is many users on one device, and only the device's key sees them all. Lookups without the
 * attribute pass unchanged.
 *
 * <p>A {@link CrossKeyForget} on the second input drops a forgotten user from the key's list: user-activity knows
 * the devices and IPs of each user and sends one per key. The forget may overtake lookups of the user's own events
 * (it comes by another path): for the in-flight horizon the key remembers the user's cut-off, and a lookup of the user
 * no later than it goes on with the other users' sightings but is not recorded ({@code forgottenInputsDropped}).
 */
public final class CrossKeySightingsFunction
        extends KeyedCoProcessFunction<String, CrossKeyLookup, CrossKeyForget, CrossKeyLookup>
        implements ResultTypeQueryable<CrossKeyLookup> {

    /** Which attribute this instance keys on. */
    public enum CrossKey {
        DEVICE,
        IP;

        /** The attribute value, or null when the event has none. */
        String valueOf(CrossKeyLookup lookup) {
            return this == DEVICE ? lookup.deviceId() : lookup.ip();
        }

        /**
         * The key to partition by: the attribute, or the user id for events without one, so they spread
         * over the cluster instead of piling onto a single "no device" key.
         */
        public KeySelector<CrossKeyLookup, String> keySelector() {
            CrossKey crossKey = this;
            return lookup -> {
                String value = crossKey.valueOf(lookup);
                return value != null ? crossKey.keyOf(value) : "~user:" + lookup.userId();
            };
        }

        /** The key of one device or IP. */
        public String keyOf(String value) {
            return name() + ":" + value;
        }
    }

    private final CrossKey crossKey;
    private final FraudSettings settings;
    private final Duration forgetHorizon;
    private transient ValueState<DistinctRecent> users;
    /** Users forgotten on this key within the horizon, and their cut-offs. */
    private transient MapState<String, Long> forgetCutoffs;
    private transient UsersForgotten forgotten;

    public CrossKeySightingsFunction(CrossKey crossKey, FraudSettings settings, Duration forgetHorizon) {
        this.crossKey = crossKey;
        this.settings = settings;
        this.forgetHorizon = forgetHorizon;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DistinctRecent> descriptor =
                new ValueStateDescriptor<>("users", DistinctRecentSerializer.INSTANCE);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.stateTtl()));
        users = getRuntimeContext().getState(descriptor);
        forgetCutoffs = getRuntimeContext().getMapState(UsersForgotten.expiringAfter(
                new MapStateDescriptor<>("forget-cutoffs", String.class, Long.class), forgetHorizon));
        forgotten = UsersForgotten.register(getRuntimeContext(), forgetHorizon);
    }

    @Override
    public TypeInformation<CrossKeyLookup> getProducedType() {
        return WireTypes.CROSS_KEY_LOOKUP;
    }

    @Override
    public void processElement1(CrossKeyLookup lookup, Context ctx, Collector<CrossKeyLookup> out) throws Exception {
        if (crossKey.valueOf(lookup) == null) {
            out.collect(lookup);
            return;
        }
        DistinctRecent seen = users.value();
        if (seen == null) {
            seen = new DistinctRecent(settings.risk().distinctCapacity());
        }
        // A lookup the forget overtook still goes on: fraud detection holds the forget behind its event until it comes.
        long now = ctx.timerService().currentProcessingTime();
        if (!forgotten.dropsInFlight(now, () -> forgetCutoffs.get(lookup.userId()), lookup.eventTime())) {
            seen.add(lookup.userId(), lookup.eventTime());
            users.update(seen);
        }
        long[] times = seen.lastSeenTimes();
        out.collect(lookup.withSightings(crossKey == CrossKey.DEVICE
                ? lookup.sightings().withDeviceUserTimes(times)
                : lookup.sightings().withIpUserTimes(times)));
    }

    @Override
    public void processElement2(CrossKeyForget forget, Context ctx, Collector<CrossKeyLookup> out) throws Exception {
        forgotten.countGuarded(forget.commandId(), ctx.timerService().currentProcessingTime());
        forgetCutoffs.put(forget.userId(), forget.cutoff());
        DistinctRecent seen = users.value();
        if (seen == null || !seen.remove(forget.userId())) {
            return;
        }
        // The write renews the other users' TTL on this key; a rare cost of an exact delete.
        if (seen.size() == 0) {
            users.clear();
        } else {
            users.update(seen);
        }
    }
}
