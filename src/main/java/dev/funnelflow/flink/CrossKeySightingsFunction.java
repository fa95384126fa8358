package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.DistinctRecent;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.event.ClickEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device (or IP): remembers which users were seen on it and when, and attaches those times to the event
 * before it goes on to the user's key. Cross-key counts cannot live in the user's state: a device farm is many
 * users on one device, and only the device's key sees them all. Events without the attribute pass unchanged.
 *
 * <p>A {@link CrossKeyForget} on the second input drops a forgotten user from the key's list: user-activity knows
 * the devices and IPs of each user and sends one per key.
 */
public final class CrossKeySightingsFunction
        extends KeyedCoProcessFunction<String, RiskEvent, CrossKeyForget, RiskEvent>
        implements ResultTypeQueryable<RiskEvent> {

    /** Which attribute this instance keys on. */
    public enum CrossKey {
        DEVICE,
        IP;

        /** The attribute value, or null when the event has none. */
        String valueOf(ClickEvent event) {
            if (event.context() == null) {
                return null;
            }
            return this == DEVICE ? event.context().deviceId() : event.context().ip();
        }

        /**
         * The key to partition by: the attribute, or the user id for events without one, so they spread
         * over the cluster instead of piling onto a single "no device" key.
         */
        public KeySelector<RiskEvent, String> keySelector() {
            CrossKey crossKey = this;
            return riskEvent -> {
                String value = crossKey.valueOf(riskEvent.event());
                return value != null ? crossKey.keyOf(value) : "~user:" + riskEvent.event().userId();
            };
        }

        /** The key of one device or IP. */
        public String keyOf(String value) {
            return name() + ":" + value;
        }
    }

    private final CrossKey crossKey;
    private final FraudSettings settings;
    private transient ValueState<DistinctRecent> users;
    private transient UsersForgotten forgotten;

    public CrossKeySightingsFunction(CrossKey crossKey, FraudSettings settings) {
        this.crossKey = crossKey;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<DistinctRecent> descriptor =
                new ValueStateDescriptor<>("users", DistinctRecentSerializer.INSTANCE);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.stateTtl()));
        users = getRuntimeContext().getState(descriptor);
        forgotten = UsersForgotten.register(getRuntimeContext());
    }

    @Override
    public TypeInformation<RiskEvent> getProducedType() {
        return WireTypes.RISK_EVENT;
    }

    @Override
    public void processElement1(RiskEvent riskEvent, Context ctx, Collector<RiskEvent> out) throws Exception {
        ClickEvent event = riskEvent.event();
        if (crossKey.valueOf(event) == null) {
            out.collect(riskEvent);
            return;
        }
        DistinctRecent seen = users.value();
        if (seen == null) {
            seen = new DistinctRecent(settings.risk().distinctCapacity());
        }
        seen.add(event.userId(), event.eventTime());
        users.update(seen);
        long[] times = seen.lastSeenTimes();
        out.collect(new RiskEvent(event, crossKey == CrossKey.DEVICE
                ? riskEvent.sightings().withDeviceUserTimes(times)
                : riskEvent.sightings().withIpUserTimes(times)));
    }

    @Override
    public void processElement2(CrossKeyForget forget, Context ctx, Collector<RiskEvent> out) throws Exception {
        forgotten.count(forget.commandId());
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
