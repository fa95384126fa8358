package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskSettings;
import dev.funnelflow.alerts.fraud.UserRiskState;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.jmh.Cycle;
import dev.funnelflow.jmh.HotPathBenchmark;
import dev.funnelflow.jmh.Traffic;
import dev.funnelflow.profile.UserProfile;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What RocksDB keyed state pays per event for the two biggest per-user values, a user's fraud features and their
 * profile: one read and one write, here a round trip through the serializer. The state's hand-written serializer
 * and Flink's POJO serializer (which it replaced, and still migrates from) run on the same warm values, so their
 * ratio comes from one run. Lives in the serializers' package, which keeps them package-private.
 */
public class StateSerializationBenchmark extends HotPathBenchmark {

    private Cycle<UserRiskState> riskStates;
    private Cycle<UserProfile> profiles;
    private final TypeSerializer<UserRiskState> riskPojo = pojoSerializer(UserRiskState.class);
    private final TypeSerializer<UserProfile> profilePojo = pojoSerializer(UserProfile.class);
    private final DataOutputSerializer serialized = new DataOutputSerializer(1024);
    private final DataInputDeserializer deserializing = new DataInputDeserializer();

    @Setup
    public void setUp() {
        Traffic traffic = Traffic.get();
        RiskSettings settings = Traffic.SETTINGS.fraud().risk();
        Map<String, UserRiskState> states = new HashMap<>();
        for (ClickEvent event : traffic.events) {
            states.computeIfAbsent(event.userId(), user -> UserRiskState.create(settings))
                    .observe(event, CrossKeySightings.NONE, settings);
        }
        List<ClickEvent> sample = traffic.events.subList(traffic.sampleStart, traffic.events.size());
        riskStates = new Cycle<>(sample.stream().map(event -> states.get(event.userId())).toList());
        profiles = new Cycle<>(sample.stream().map(event -> traffic.profiles.get(event.userId())).toList());
    }

    @Benchmark
    public UserRiskState riskStateHandWritten() throws IOException {
        return roundTrip(riskStates.next(), UserRiskStateSerializer.INSTANCE);
    }

    @Benchmark
    public UserRiskState riskStatePojo() throws IOException {
        return roundTrip(riskStates.next(), riskPojo);
    }

    @Benchmark
    public UserProfile profileHandWritten() throws IOException {
        return roundTrip(profiles.next(), UserProfileSerializer.INSTANCE);
    }

    @Benchmark
    public UserProfile profilePojo() throws IOException {
        return roundTrip(profiles.next(), profilePojo);
    }

    private <T> T roundTrip(T value, TypeSerializer<T> serializer) throws IOException {
        serialized.clear();
        serializer.serialize(value, serialized);
        deserializing.setBuffer(serialized.getSharedBuffer(), 0, serialized.length());
        return serializer.deserialize(deserializing);
    }

    private static <T> TypeSerializer<T> pojoSerializer(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }
}
