package dev.funnelflow.flink.operators;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.LatePolicy;
import dev.funnelflow.event.RejectReason;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.flink.UserProfileSerializer;
import dev.funnelflow.flink.WireTypes;
import dev.funnelflow.flink.operators.CrossKeySightingsFunction.CrossKey;
import dev.funnelflow.flink.routing.CrossKeyForget;
import dev.funnelflow.flink.routing.DeadLetters;
import dev.funnelflow.flink.routing.UserInput;
import dev.funnelflow.profile.ItemRefs;
import dev.funnelflow.profile.ProfileSettings;
import dev.funnelflow.profile.SessionStep;
import dev.funnelflow.profile.UserProfile;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidatePlanner;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.PopularitySample;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.RecsSettings;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Per user: drops re-sent events, applies the late-event policy, folds each event into the user's
 * {@link UserProfile}, and for browsing events sends {@link ItemSignal}s to the item graph plus a
 * {@link RecommendationRequest} to the assembler. Events of users with a list in the training-example sample go on
 * to the labeller while its convert window is open; other users' events never leave this operator for labelling.
 *
 * <p>A {@link ForgetUser} on the second input deletes the user's profile and seen event ids, and fans out: one
 * {@link CrossKeyForget} per device and IP of the profile to the device- and IP-keyed operators (they run on
 * events straight from ingest, so this first user-keyed operator is the one that can reach them without a cycle),
 * and the command itself to the labeller.
 *
 * <p>The forget's cut-off is the latest event time accepted for the user (see {@link UsersForgotten}). For the
 * in-flight horizon this operator drops the user's events up to it: stragglers and re-sent duplicates of the
 * forgotten history (the seen ids went with it), which would otherwise start it again. A later event is new
 * activity, a new user's first. Downstream, what comes after the forget in this operator's order is therefore new;
 * the cut-off travels with the forget to the operators whose inputs come by other paths and may arrive after it.
 *
 * <p>The profiles of the most recently active users stay deserialized on the heap ({@code
 * funnelflow.user.profile-cache} per subtask) and reach keyed state when they leave that cache (under their own key)
 * and before every checkpoint barrier, so the next event of a cached user costs no profile read, deserialization,
 * serialization or write (on RocksDB they stay cached across barriers; see {@link WriteBackCache}). {@code profileStateReads} and {@code profileStateWrites} count what still
 * goes to state. A profile's TTL clock starts when it is written, so a cached one lives up to a checkpoint interval
 * (or, without checkpoints, until its eviction) longer than its last event says. The seen event ids still take a read
 * and a write per event: an id is new unless the map says otherwise, and the map has to hold every id for the dedup
 * TTL so that a restore or an eviction keeps dedup exact.
 *
 * <p>This is a stream operator rather than a {@code KeyedCoProcessFunction}, because only an operator sees the
 * checkpoint barrier coming ({@link #prepareSnapshotPreBarrier}) and can write an evicted profile under another key.
 * It keeps what the process function had, so savepoints of earlier versions restore: uid {@code user-activity},
 * the state names, serializers and TTLs, and the (unused) timer service {@code user-timers} of
 * {@code KeyedCoProcessOperator}, whose clock and watermark it reads. Outputs carry their input's timestamp as before.
 * The class keeps its name because the job and the operators downstream know its output tags by it.
 */
public final class UserActivityFunction extends AbstractStreamOperator<ItemSignal>
        implements TwoInputStreamOperator<ClickEvent, ForgetUser, ItemSignal>, Triggerable<String, VoidNamespace> {

    public static final OutputTag<RecommendationRequest> REQUESTS =
            new OutputTag<>("recommendation-requests", WireTypes.RECOMMENDATION_REQUEST);

    /**
     * Events that may label logged training examples (only those of users with a logged list still open), and every
     * forget command.
     */
    public static final OutputTag<UserInput> LABELLING_INPUT =
            new OutputTag<>("labelling-input", TypeInformation.of(UserInput.class));

    /**
     * Every event that passed dedup and the lateness check, and every forget command: what customer-lifecycle and
     * fraud detection work on. Still partitioned by user, so customer-lifecycle reads it without a shuffle.
     */
    public static final OutputTag<UserInput> ACCEPTED =
            new OutputTag<>("accepted", TypeInformation.of(UserInput.class));

    /** The deterministic sample of browsing events that teaches the popularity lists, for every candidate-lists subtask. */
    public static final OutputTag<PopularitySample> POPULARITY_SAMPLES =
            new OutputTag<>("popularity-samples", TypeInformation.of(PopularitySample.class));

    /** Forgotten users to drop from the lists of the devices they were seen on. */
    public static final OutputTag<CrossKeyForget> DEVICE_FORGETS =
            new OutputTag<>("device-forgets", TypeInformation.of(CrossKeyForget.class));

    /** Forgotten users to drop from the lists of the IPs they were seen on. */
    public static final OutputTag<CrossKeyForget> IP_FORGETS =
            new OutputTag<>("ip-forgets", TypeInformation.of(CrossKeyForget.class));

    private final Settings settings;
    private transient CandidatePlanner planner;
    private transient ValueState<UserProfile> profileState;
    private transient WriteBackCache<String, UserProfile> profiles;
    private transient MapState<String, Long> seenEventIds;
    private transient ValueState<Long> forgetCutoff;
    private transient UsersForgotten forgotten;
    private transient InternalTimerService<VoidNamespace> time;
    private transient StreamRecord<ItemSignal> signalRecord;
    private transient Counter stateReads;

    /**
     * What user-activity needs from the job's settings: the profile's, the candidate planner's and the example
     * sampling's, how long user state, seen event ids and forget cut-offs live, and how many profiles each subtask
     * keeps deserialized between checkpoints (0 for none).
     */
    public record Settings(
            ProfileSettings profile,
            RecsSettings recs,
            RankingSettings ranking,
            Duration userStateTtl,
            Duration dedupTtl,
            Duration forgetHorizon,
            Duration allowedLateness,
            LatePolicy latePolicy,
            int profileCache) implements Serializable {}

    public UserActivityFunction(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open() throws Exception {
        super.open();
        planner = new CandidatePlanner(settings.recs());
        // Through the runtime context, as the process function did: the same serializers for the same descriptors.
        ValueStateDescriptor<UserProfile> profile =
                new ValueStateDescriptor<>("profile", UserProfileSerializer.INSTANCE);
        profile.enableTimeToLive(StateTtl.afterLastWrite(settings.userStateTtl()));
        profileState = getRuntimeContext().getState(profile);
        MapStateDescriptor<String, Long> seen = new MapStateDescriptor<>("seen-event-ids", String.class, Long.class);
        seen.enableTimeToLive(StateTtl.afterLastWrite(settings.dedupTtl()));
        seenEventIds = getRuntimeContext().getMapState(seen);
        forgetCutoff = getRuntimeContext().getState(UsersForgotten.expiringAfter(
                new ValueStateDescriptor<>("forget-cutoff", Long.class), settings.forgetHorizon()));
        forgotten = UsersForgotten.register(getRuntimeContext(), settings.forgetHorizon());
        time = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        signalRecord = new StreamRecord<>(null);
        stateReads = getMetricGroup().counter("profileStateReads");
        Counter stateWrites = getMetricGroup().counter("profileStateWrites");
        profiles = new WriteBackCache<>(settings.profileCache(),
                new KeyedWriteBack<>(this, profileState, stateWrites, "a user's profile"),
                getKeyedStateBackend().isSafeToReuseKVState());
    }

    @Override
    public void processElement1(StreamRecord<ClickEvent> record) throws Exception {
        ClickEvent event = record.getValue();
        long now = time.currentProcessingTime();
        if (forgotten.dropsInFlight(now, forgetCutoff::value, event.eventTime())) {
            return;
        }
        Long firstSeenAt = seenEventIds.get(event.eventId());
        if (firstSeenAt != null) {
            reject(record, event, RejectReason.DUPLICATE_EVENT,
                    "event_id already seen (first received " + Instant.ofEpochMilli(firstSeenAt) + ")");
            return;
        }
        seenEventIds.put(event.eventId(), now);

        long watermark = time.currentWatermark();
        long lateness = settings.allowedLateness().toMillis();
        if (settings.latePolicy() == LatePolicy.DEAD_LETTER && watermark > Long.MIN_VALUE + lateness
                && event.eventTime() < watermark - lateness) {
            reject(record, event, RejectReason.LATE_EVENT, "event_time " + Instant.ofEpochMilli(event.eventTime())
                    + " is more than " + settings.allowedLateness() + " behind the watermark "
                    + Instant.ofEpochMilli(watermark));
            return;
        }

        output(ACCEPTED, UserInput.of(event), record);

        String user = event.userId();
        UserProfile profile = profile(user);
        if (profile == null) {
            profile = new UserProfile();
        }
        long previousEventTime = profile.getLastSeen();
        SessionStep step = profile.observe(event, settings.profile());
        String recId = event.itemId() != null && learnsFrom(event) && event.type().triggersRecommendation()
                ? "rec-" + event.eventId() : null;
        boolean organic = recId != null && event.type() == EventType.VIEW && settings.ranking().logsOrganic(recId);
        if (recId != null && (organic || settings.ranking().logsExamples(recId))) {
            profile.labelUntil(event.eventTime() + settings.ranking().labels().convertMillis());
        }
        profiles.putDirty(user, profile);
        if (ExampleLabeler.labels(event) && event.eventTime() <= profile.getLabellingUntil()) {
            output(LABELLING_INPUT, UserInput.of(event), record);
        }

        if (event.itemId() == null || !learnsFrom(event)) {
            return;
        }
        ItemRefs item = ItemRefs.of(event.itemId(), event.categoryId(), event.price());
        PopularitySample sample = planner.sample(event.eventId(), item, event.type(), event.eventTime());
        if (sample != null) {
            output(POPULARITY_SAMPLES, sample, record);
        }
        List<ItemSignal> signals = planner.plan(item, event.type(), step.previousItems(), recId, event.eventTime());
        for (ItemSignal signal : signals) {
            emit(signal, record);
        }
        if (recId != null) {
            String[] excluded = Arrays.copyOf(step.excludedItems(), step.excludedItems().length + 1);
            excluded[excluded.length - 1] = event.itemId();
            output(REQUESTS, new RecommendationRequest(recId, event.userId(), step.sessionId(), event.eventId(),
                    planner.expectedLists(signals), excluded, UserSnapshot.of(profile, previousEventTime),
                    RequestContext.of(event), organic ? BlendedCandidate.organic(event.itemId(), event.categoryId(),
                            event.price()) : null), record);
        }
    }

    @Override
    public void processElement2(StreamRecord<ForgetUser> record) throws Exception {
        ForgetUser forget = record.getValue();
        UserProfile profile = profile(forget.userId());
        // A second forget within the horizon keeps the first one's cut-off if the user had no events since.
        Long previousCutoff = forgetCutoff.value();
        long cutoff = Math.max(previousCutoff == null ? Long.MIN_VALUE : previousCutoff,
                profile == null ? Long.MIN_VALUE : profile.getLastSeen());
        if (profile != null) {
            for (String device : profile.getDevices()) {
                output(DEVICE_FORGETS, new CrossKeyForget(CrossKey.DEVICE.keyOf(device), forget.userId(),
                        cutoff, forget.commandId()), record);
            }
            for (String ip : profile.getIps()) {
                output(IP_FORGETS, new CrossKeyForget(CrossKey.IP.keyOf(ip), forget.userId(), cutoff,
                        forget.commandId()), record);
            }
        }
        // Out of the cache first, so that no later eviction or flush writes the forgotten profile back.
        profiles.remove(forget.userId());
        profileState.clear();
        seenEventIds.clear();
        forgetCutoff.update(cutoff);
        UserInput forgetting = UserInput.of(forget, cutoff);
        output(LABELLING_INPUT, forgetting, record);
        output(ACCEPTED, forgetting, record);
        forgotten.countGuarded(forget.commandId(), time.currentProcessingTime());
    }

    /** The current key's profile, from the cache or else from state; null when the user has none. */
    private UserProfile profile(String user) throws IOException {
        UserProfile profile = profiles.get(user);
        if (profile == null) {
            stateReads.inc();
            profile = profileState.value();
        }
        return profile;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        profiles.flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        profiles.flush();
        super.finish();
    }

    /** The process function registered no timers; the service is kept for its clock, watermark and state layout. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {}

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {}

    /** Co-visitation is learned from the browsing path, purchases included; cart removals say little. */
    private static boolean learnsFrom(ClickEvent event) {
        return switch (event.type()) {
            case VIEW, CLICK, ADD_TO_CART, PURCHASE -> true;
            default -> false;
        };
    }

    /** A signal with its input's timestamp, or none if the input had none (as a process function's collector). */
    private void emit(ItemSignal signal, StreamRecord<?> input) {
        signalRecord.replace(signal);
        if (input.hasTimestamp()) {
            signalRecord.setTimestamp(input.getTimestamp());
        } else {
            signalRecord.eraseTimestamp();
        }
        output.collect(signalRecord);
    }

    /** A side output stamped as a process function's context stamps it: with the input's timestamp. */
    private <X> void output(OutputTag<X> tag, X value, StreamRecord<?> input) {
        output.collect(tag, new StreamRecord<>(value, input.getTimestamp()));
    }

    private void reject(StreamRecord<?> input, ClickEvent event, RejectReason reason, String detail) {
        // The original bytes are gone after parsing, and the event was accepted once (duplicate) or is only too late:
        // its id and the origin (the input record's topic, partition and offset) say which one, without copying the
        // user's data into another topic.
        output(DeadLetters.TAG, DeadLetter.ofEventId(event.eventId(), reason, detail, event.origin(),
                time.currentProcessingTime()), input);
    }
}
