package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.UserProfileSerializer;
import dev.funnelflow.flink.routing.CrossKeyForget;
import dev.funnelflow.flink.routing.DeadLetters;
import dev.funnelflow.flink.routing.UserInput;
import dev.funnelflow.job.ClickstreamJob;
import dev.funnelflow.profile.UserProfile;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecommendationRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserActivityFunctionTest {

    private static final long HOUR = 3_600_000;
    private KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> harness;

    @BeforeEach
    void open() throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null, Map.of("funnelflow.ingest.allowed-lateness", "1 h",
                "funnelflow.ranking.examples.sample-rate", "0", "funnelflow.ranking.examples.organic-sample-rate", "0")));
        harness = harness(settings);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void browsingSendsSignalsAndARequestAndUpdatesTheProfile() throws Exception {
        harness.processElement1(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement1(event("e2", EventType.VIEW, "b", 10 * HOUR + 1), 10 * HOUR + 1);

        List<ItemSignal> signals = harness.extractOutputValues();
        assertThat(signals).extracting(ItemSignal::key).containsExactly("i:a", "i:b", "i:a");
        List<RecommendationRequest> requests = sideOutput(UserActivityFunction.REQUESTS);
        assertThat(requests).hasSize(2);
        RecommendationRequest second = requests.get(1);
        assertThat(second.recId()).isEqualTo("rec-e2");
        assertThat(second.sessionId()).isEqualTo("s");
        // b's neighbours, a's, and the shop's popular items (the items have no category).
        assertThat(second.expectedLists()).isEqualTo(3);
        assertThat(second.excludedItems()).containsExactly("b");

        UserProfile profile = profile();
        assertThat(profile.count(EventType.VIEW)).isEqualTo(2);
        assertThat(profile.getSessionItems()).containsExactly("b", "a");
    }

    @Test
    void accountEventsUpdateTheProfileOnly() throws Exception {
        harness.processElement1(event("e1", EventType.LOGIN, null, HOUR), HOUR);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(sideOutput(UserActivityFunction.REQUESTS)).isEmpty();
        assertThat(profile().count(EventType.LOGIN)).isEqualTo(1);
    }

    @Test
    void resentEventsAreDeadLettered() throws Exception {
        harness.processElement1(event("e1", EventType.VIEW, "a", HOUR), HOUR);
        harness.processElement1(event("e1", EventType.VIEW, "a", HOUR), HOUR);
        List<DeadLetter> dead = sideOutput(DeadLetters.TAG);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.error()).isEqualTo("duplicate_event");
            assertThat(d.raw()).as("the id and the origin name the record, nothing of the user's data is copied")
                    .isEqualTo("{\"event_id\":\"e1\"}");
            assertThat(d.offset()).isEqualTo(7);
        });
        assertThat(profile().count(EventType.VIEW)).isEqualTo(1);
        assertThat(sideOutput(UserActivityFunction.ACCEPTED)).as("customer-lifecycle sees it once")
                .extracting(input -> input.event().eventId()).containsExactly("e1");
    }

    @Test
    void eventsFurtherBehindTheWatermarkThanAllowedAreDeadLettered() throws Exception {
        harness.processWatermark1(new Watermark(10 * HOUR));
        harness.processElement1(event("ok", EventType.VIEW, "a", 9 * HOUR + 1), 9 * HOUR + 1);
        harness.processElement1(event("late", EventType.VIEW, "b", 9 * HOUR - 1), 9 * HOUR - 1);
        assertThat(sideOutput(DeadLetters.TAG)).singleElement()
                .satisfies(d -> assertThat(d.error()).isEqualTo("late_event"));
        assertThat(profile().count(EventType.VIEW)).isEqualTo(1);
        assertThat(sideOutput(UserActivityFunction.ACCEPTED)).extracting(input -> input.event().eventId())
                .containsExactly("ok");
        // Its answer is the dead letter: no list is asked for, so a caller waiting for one waits forever.
        assertThat(sideOutput(UserActivityFunction.REQUESTS)).extracting(RecommendationRequest::triggerEventId)
                .containsExactly("ok");
        assertThat(harness.extractOutputValues()).extracting(ItemSignal::key).doesNotContain("i:b");
    }

    private UserProfile profile() throws Exception {
        return profile("u");
    }

    private UserProfile profile(String user) throws Exception {
        return backend(user).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("profile", UserProfile.class)).value();
    }

    private List<String> seenEventIds(String user) throws Exception {
        List<String> ids = new ArrayList<>();
        backend(user).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("seen-event-ids", String.class, Long.class)).keys().forEach(ids::add);
        return ids;
    }

    /** The user's state as a checkpoint would see it: the profile cache's changes are written first. */
    private KeyedStateBackend<Object> backend(String user) throws Exception {
        harness.prepareSnapshotPreBarrier(0);
        return backendAsIs(harness, user);
    }

    /** The user's state as it is, whatever the profile cache holds unwritten. */
    private static KeyedStateBackend<Object> backendAsIs(
            KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> harness, String user) {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        operator.setCurrentKey(user);
        return operator.getKeyedStateBackend();
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> harness(
            JobSettings settings) throws Exception {
        return harness(settings, false, null);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> harness(
            JobSettings settings, boolean rocksDb, OperatorSubtaskState state) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new UserActivityFunction(ClickstreamJob.userActivity(settings)), ClickEvent::userId,
                ForgetUser::userId, Types.STRING);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        harness.setup();
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        // As in the job: forget commands carry no event time, their input is idle and never holds the watermark back.
        harness.processWatermarkStatus2(WatermarkStatus.IDLE);
        return harness;
    }

    @Test
    void onlyUsersWithALoggedListSendEventsToTheLabellerWhileItsWindowIsOpen() throws Exception {
        harness.close();
        JobSettings logging = JobSettings.from(JobConfig.load(null, Map.of(
                "funnelflow.ranking.examples.sample-rate", "1", "funnelflow.ranking.labels.convert-window", "1 h")));
        harness = harness(logging);
        harness.processElement1(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement1(event("e2", EventType.PURCHASE, "a", 10 * HOUR + 5), 10 * HOUR + 5);
        harness.processElement1(event("e3", EventType.PURCHASE, "a", 12 * HOUR), 12 * HOUR);

        assertThat(sideOutput(UserActivityFunction.LABELLING_INPUT)).extracting(input -> input.event().eventId())
                .containsExactly("e1", "e2");
    }

    @Test
    void aSampledViewCarriesItsItemForAnOrganicExampleAndOpensTheLabellingWindow() throws Exception {
        harness.close();
        JobSettings organic = JobSettings.from(JobConfig.load(null, Map.of("funnelflow.ranking.examples.sample-rate",
                "0", "funnelflow.ranking.examples.organic-sample-rate", "1")));
        harness = harness(organic);
        harness.processElement1(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement1(event("e2", EventType.ADD_TO_CART, "a", 10 * HOUR + 5), 10 * HOUR + 5);
        harness.processElement1(event("e3", EventType.PURCHASE, "a", 10 * HOUR + 9), 10 * HOUR + 9);

        List<RecommendationRequest> requests = sideOutput(UserActivityFunction.REQUESTS);
        assertThat(requests.get(0).organic().itemId()).isEqualTo("a");
        assertThat(requests.get(0).organic().source()).isNull();
        assertThat(requests.get(1).organic()).as("organic examples are views").isNull();
        assertThat(sideOutput(UserActivityFunction.LABELLING_INPUT)).extracting(input -> input.event().eventId())
                .containsExactly("e1", "e3");
    }

    @Test
    void withoutExampleLoggingNothingGoesToTheLabeller() throws Exception {
        harness.processElement1(event("e1", EventType.VIEW, "a", 10 * HOUR), 10 * HOUR);
        harness.processElement1(event("e2", EventType.VIEW, "b", 10 * HOUR + 1), 10 * HOUR + 1);
        assertThat(sideOutput(UserActivityFunction.LABELLING_INPUT)).isEmpty();
    }

    @Test
    void aForgetDeletesTheUsersStateAndReachesTheirDevicesIpsAndTheLabeller() throws Exception {
        harness.processElement1(seenOn("e1", "u", "phone", "10.0.0.1", HOUR), HOUR);
        harness.processElement1(seenOn("e2", "u", "laptop", "10.0.0.1", HOUR + 1), HOUR + 1);
        harness.processElement1(seenOn("e3", "v", "phone", "10.0.0.9", HOUR + 2), HOUR + 2);

        harness.processElement2(new ForgetUser("forget-1", 2 * HOUR, "u"), 2 * HOUR);

        assertThat(profile("u")).isNull();
        assertThat(seenEventIds("u")).isEmpty();
        assertThat(sideOutput(UserActivityFunction.DEVICE_FORGETS)).extracting(CrossKeyForget::key)
                .containsExactly("DEVICE:laptop", "DEVICE:phone");
        assertThat(sideOutput(UserActivityFunction.IP_FORGETS)).singleElement()
                .isEqualTo(new CrossKeyForget("IP:10.0.0.1", "u", HOUR + 1, "forget-1"));
        assertThat(sideOutput(UserActivityFunction.LABELLING_INPUT)).extracting(UserInput::forget)
                .extracting(ForgetUser::commandId).containsExactly("forget-1");
        assertThat(sideOutput(UserActivityFunction.ACCEPTED)).extracting(UserInput::forget)
                .filteredOn(Objects::nonNull).extracting(ForgetUser::commandId).containsExactly("forget-1");
        assertThat(profile("v").count(EventType.VIEW)).as("another user keeps everything").isEqualTo(1);
        assertThat(seenEventIds("v")).containsExactly("e3");

        // Back as a new user: the re-sent event is no duplicate, and the profile starts afresh.
        harness.processElement1(seenOn("e1", "u", "tablet", "10.0.0.2", 3 * HOUR), 3 * HOUR);
        assertThat(sideOutput(DeadLetters.TAG)).isEmpty();
        assertThat(profile("u").count(EventType.VIEW)).isEqualTo(1);
        assertThat(profile("u").getDevices()).containsExactly("tablet");
    }

    @Test
    void afterAForgetTheUsersEventsUpToItsCutOffWereInFlightAndAreDroppedLaterOnesAreNewActivity() throws Exception {
        harness.processElement1(seenOn("e1", "u", "phone", "10.0.0.1", HOUR), HOUR);
        harness.processElement1(seenOn("e2", "u", "phone", "10.0.0.1", HOUR + 1), HOUR + 1);
        harness.processElement2(new ForgetUser("forget-1", 2 * HOUR, "u"), 2 * HOUR);
        int acceptedBefore = sideOutput(UserActivityFunction.ACCEPTED).size();

        // A straggler from before the last event, and the last event re-sent: both of the forgotten history.
        harness.processElement1(seenOn("e0", "u", "laptop", "10.0.0.2", HOUR - 5), HOUR - 5);
        harness.processElement1(seenOn("e2", "u", "phone", "10.0.0.1", HOUR + 1), HOUR + 1);
        assertThat(profile("u")).isNull();
        assertThat(seenEventIds("u")).isEmpty();
        assertThat(sideOutput(DeadLetters.TAG)).as("dropped, not dead-lettered with the user's data").isEmpty();
        assertThat(sideOutput(UserActivityFunction.ACCEPTED)).hasSize(acceptedBefore);
        assertThat(forgetCutoff("u")).isEqualTo(HOUR + 1);

        harness.processElement1(seenOn("e3", "u", "tablet", "10.0.0.3", HOUR + 2), HOUR + 2);
        assertThat(profile("u").getDevices()).as("a new user's first event").containsExactly("tablet");

        // A second forget: the new history's last event is its cut-off.
        harness.processElement2(new ForgetUser("forget-2", 3 * HOUR, "u"), 3 * HOUR);
        assertThat(forgetCutoff("u")).isEqualTo(HOUR + 2);
        assertThat(sideOutput(UserActivityFunction.LABELLING_INPUT)).extracting(UserInput::forgetCutoff)
                .containsExactly(HOUR + 1, HOUR + 2);

        // Past the horizon (5 minutes by default) nothing is in flight any more: an old event is accepted again.
        harness.setProcessingTime(Duration.ofMinutes(5).toMillis());
        harness.processElement1(seenOn("e0", "u", "laptop", "10.0.0.2", HOUR - 5), HOUR - 5);
        assertThat(profile("u").getDevices()).containsExactly("laptop");
    }

    /**
     * 0: state on every event; 1: every other user evicts; 5000: every profile stays on the heap until the barrier,
     * and on RocksDB after it too, while the heap backend, which keeps references, empties the cache.
     */
    @ParameterizedTest(name = "profile cache {0}, RocksDB {1}")
    @CsvSource({"0, true", "1, true", "5000, true", "5000, false"})
    void aCheckpointHoldsEveryProfileChangeTheCacheHasNotWrittenYet(int profileCache, boolean rocksDb)
            throws Exception {
        harness.close();
        JobSettings settings = cached(profileCache);
        OperatorSubtaskState snapshot;
        try (var before = harness(settings, rocksDb, null)) {
            before.processElement1(seenOn("e1", "u", "phone", "10.0.0.1", HOUR), HOUR);
            before.processElement1(seenOn("e2", "v", "laptop", "10.0.0.2", HOUR + 1), HOUR + 1);
            before.processElement1(seenOn("e3", "u", "tablet", "10.0.0.1", HOUR + 2), HOUR + 2);
            before.prepareSnapshotPreBarrier(1); // what the task does before each snapshot; the harness does not
            snapshot = before.snapshot(1, HOUR + 3);
            // After the barrier: not in the snapshot, and must not leak into it through a shared object.
            before.processElement1(seenOn("e4", "u", "watch", "10.0.0.3", HOUR + 4), HOUR + 4);
        }
        try (var after = harness(settings, rocksDb, snapshot)) {
            UserProfile u = storedProfile(after, "u");
            assertThat(u.count(EventType.VIEW)).isEqualTo(2);
            assertThat(u.getDevices()).containsExactlyInAnyOrder("phone", "tablet");
            assertThat(u.getLastSeen()).isEqualTo(HOUR + 2);
            assertThat(storedProfile(after, "v").getDevices()).containsExactly("laptop");

            // The restored profile goes on where the checkpoint left it, and the seen ids are all there.
            after.processElement1(seenOn("e3", "u", "tablet", "10.0.0.1", HOUR + 2), HOUR + 2);
            after.processElement1(seenOn("e5", "u", "phone", "10.0.0.1", HOUR + 5), HOUR + 5);
            assertThat(after.getSideOutput(DeadLetters.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().error()).isEqualTo("duplicate_event"));
            assertThat(after.getSideOutput(UserActivityFunction.REQUESTS)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().user().previousEventTime()).isEqualTo(HOUR + 2));
            after.prepareSnapshotPreBarrier(2);
            assertThat(storedProfile(after, "u").count(EventType.VIEW)).isEqualTo(3);
        }
    }

    @Test
    void aProfileWaitsOnTheHeapUntilTheBarrier() throws Exception {
        harness.close();
        harness = harness(cached(5000), true, null);
        harness.processElement1(seenOn("e1", "u", "phone", "10.0.0.1", HOUR), HOUR);
        harness.processElement1(seenOn("e2", "u", "phone", "10.0.0.1", HOUR + 1), HOUR + 1);
        assertThat(storedProfile(harness, "u")).as("not written yet").isNull();

        harness.prepareSnapshotPreBarrier(1);
        assertThat(storedProfile(harness, "u").count(EventType.VIEW)).isEqualTo(2);

        // RocksDB copies what it is given, so the profile stays cached past the barrier: the next event reads no
        // state (were it read, this deletion behind the operator's back would restart the count).
        backendAsIs(harness, "u").getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("profile", UserProfileSerializer.INSTANCE)).clear();
        harness.processElement1(seenOn("e3", "u", "phone", "10.0.0.1", HOUR + 2), HOUR + 2);
        harness.prepareSnapshotPreBarrier(2);
        assertThat(storedProfile(harness, "u").count(EventType.VIEW)).isEqualTo(3);
    }

    @Test
    void aProfileLeavingTheCacheIsWrittenUnderItsOwnUser() throws Exception {
        harness.close();
        harness = harness(cached(1), true, null);
        harness.processElement1(seenOn("e1", "u", "phone", "10.0.0.1", HOUR), HOUR);
        assertThat(storedProfile(harness, "u")).isNull();

        // v's profile takes the one place: u's is written under u, while v's event is being processed.
        harness.processElement1(seenOn("e2", "v", "laptop", "10.0.0.2", HOUR + 1), HOUR + 1);
        assertThat(storedProfile(harness, "u").getDevices()).containsExactly("phone");
        assertThat(storedProfile(harness, "v")).isNull();

        // u again: read back from state, and v's written under v.
        harness.processElement1(seenOn("e3", "u", "tablet", "10.0.0.1", HOUR + 2), HOUR + 2);
        assertThat(storedProfile(harness, "v").getDevices()).containsExactly("laptop");
        assertThat(storedProfile(harness, "u").count(EventType.VIEW)).as("u's second view still on the heap")
                .isEqualTo(1);
        List<RecommendationRequest> requests = sideOutput(UserActivityFunction.REQUESTS);
        assertThat(requests).extracting(RecommendationRequest::userId).containsExactly("u", "v", "u");
        assertThat(requests.get(2).user().previousEventTime()).isEqualTo(HOUR);
        assertThat(requests.get(2).user().views()).isEqualTo(2);

        harness.prepareSnapshotPreBarrier(1);
        assertThat(storedProfile(harness, "u").getDevices()).containsExactlyInAnyOrder("phone", "tablet");
        assertThat(storedProfile(harness, "v").count(EventType.VIEW)).isEqualTo(1);
    }

    @Test
    void aForgetTakesTheCachedProfileAndDropsItUnwritten() throws Exception {
        harness.close();
        harness = harness(cached(5000), true, null);
        harness.processElement1(seenOn("e1", "u", "phone", "10.0.0.1", HOUR), HOUR);
        harness.prepareSnapshotPreBarrier(1);
        // Only on the heap: a second device and a later event time.
        harness.processElement1(seenOn("e2", "u", "laptop", "10.0.0.1", HOUR + 1), HOUR + 1);

        harness.processElement2(new ForgetUser("forget-1", 2 * HOUR, "u"), 2 * HOUR);

        assertThat(sideOutput(UserActivityFunction.DEVICE_FORGETS)).extracting(CrossKeyForget::key)
                .containsExactly("DEVICE:laptop", "DEVICE:phone");
        assertThat(sideOutput(UserActivityFunction.LABELLING_INPUT)).extracting(UserInput::forgetCutoff)
                .containsExactly(HOUR + 1);
        harness.prepareSnapshotPreBarrier(2);
        assertThat(storedProfile(harness, "u")).as("neither the stored nor the cached profile survives").isNull();

        harness.processElement1(seenOn("e3", "u", "tablet", "10.0.0.2", 3 * HOUR), 3 * HOUR);
        assertThat(sideOutput(UserActivityFunction.REQUESTS)).last()
                .satisfies(r -> assertThat(r.user().isNew()).as("a new user's first event").isTrue());
        harness.prepareSnapshotPreBarrier(3);
        assertThat(storedProfile(harness, "u").getDevices()).containsExactly("tablet");
    }

    /**
     * The cache changes no output: the same seeded mix of users, event types, re-sent events, forgets, late events
     * and barriers gives the same records with the same timestamps, in the same order, at every cache size.
     */
    @Test
    void everyCacheSizeSendsTheSameRecords() throws Exception {
        harness.close();
        List<List<Object>> runs = new ArrayList<>();
        for (int profileCache : new int[] {0, 1, 3, 5000}) {
            try (var run = harness(cached(profileCache), true, null)) {
                replay(run, new Random(19));
                List<Object> records = new ArrayList<>(run.getOutput());
                for (var tag : List.of(UserActivityFunction.REQUESTS, UserActivityFunction.LABELLING_INPUT,
                        UserActivityFunction.ACCEPTED, UserActivityFunction.POPULARITY_SAMPLES,
                        UserActivityFunction.DEVICE_FORGETS, UserActivityFunction.IP_FORGETS, DeadLetters.TAG)) {
                    var side = run.getSideOutput(tag);
                    records.add(tag.getId() + ":" + (side == null ? 0 : side.size()));
                    if (side != null) {
                        records.addAll(side);
                    }
                }
                runs.add(records);
            }
        }
        assertThat(runs.get(0)).hasSizeGreaterThan(1000);
        List<Object> expected = runs.get(0);
        for (List<Object> run : runs.subList(1, runs.size())) {
            assertThat(run).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(run.get(i)).as("record %d", i).usingRecursiveComparison().isEqualTo(expected.get(i));
            }
        }
    }

    private static void replay(KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> run,
            Random random) throws Exception {
        EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.VIEW, EventType.CLICK, EventType.ADD_TO_CART,
                EventType.PURCHASE, EventType.LOGIN};
        List<ClickEvent> sent = new ArrayList<>();
        long time = 10 * HOUR;
        for (int i = 0; i < 600; i++) {
            time += random.nextInt(60_000);
            int dice = random.nextInt(100);
            String user = "u" + random.nextInt(6);
            if (dice < 4 && !sent.isEmpty()) {
                ClickEvent resent = sent.get(random.nextInt(sent.size()));
                run.processElement1(resent, resent.eventTime());
            } else if (dice < 6) {
                run.processElement2(new ForgetUser("forget-" + i, time, user), time);
            } else if (dice < 9) {
                run.prepareSnapshotPreBarrier(i);
            } else if (dice < 10) {
                run.processWatermark1(new Watermark(time - HOUR / 2));
            } else {
                EventType type = types[random.nextInt(types.length)];
                long eventTime = dice < 12 ? time - 2 * HOUR : time; // now and then, late
                ClickEvent event = new ClickEvent("e" + i, eventTime, user, "s" + random.nextInt(2), type,
                        type == EventType.LOGIN ? null : "i" + random.nextInt(8), "c" + random.nextInt(3), 10.0, 1,
                        type == EventType.PURCHASE ? "o" + i : null, null, null,
                        new EventContext("d" + random.nextInt(4), "10.0.0." + random.nextInt(4), "agent", "DE", "web"),
                        null, new RecordOrigin("clickstream", 0, i));
                sent.add(event);
                run.processElement1(event, eventTime);
            }
            if (random.nextInt(50) == 0) {
                run.setProcessingTime(run.getProcessingTime() + 60_000);
            }
        }
    }

    private static JobSettings cached(int profileCache) {
        return JobSettings.from(JobConfig.load(null, Map.of("funnelflow.user.profile-cache", String.valueOf(profileCache),
                "funnelflow.ranking.examples.sample-rate", "0.5", "funnelflow.ranking.examples.organic-sample-rate",
                "0.2", "funnelflow.recs.popularity-sample-rate", "0.3")));
    }

    /** The profile in state, whatever the cache holds. */
    private static UserProfile storedProfile(
            KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> harness, String user)
            throws Exception {
        return backendAsIs(harness, user).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("profile", UserProfileSerializer.INSTANCE)).value();
    }

    private Long forgetCutoff(String user) throws Exception {
        return backend(user).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("forget-cutoff", Long.class)).value();
    }

    private <T> List<T> sideOutput(org.apache.flink.util.OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    private static ClickEvent seenOn(String id, String user, String device, String ip, long time) {
        return new ClickEvent(id, time, user, "s", EventType.VIEW, "a", null, null, 1, null, null, null,
                new EventContext(device, ip, "agent", "DE", "web"), null, new RecordOrigin("clickstream", 0, 1));
    }

    static ClickEvent event(String id, EventType type, String item, long time) {
        return new ClickEvent(id, time, "u", "s", type, item, null, null, 1, null, null, null, null, null,
                new RecordOrigin("clickstream", 0, 7));
    }
}
