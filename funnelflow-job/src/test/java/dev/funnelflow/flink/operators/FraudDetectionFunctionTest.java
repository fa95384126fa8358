package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertJson;
import dev.funnelflow.alerts.AlertSuppression;
import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import dev.funnelflow.alerts.fraud.AnomalyVector;
import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.alerts.fraud.RiskSettings;
import dev.funnelflow.alerts.fraud.UserRiskState;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.control.ControlParser;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Payment;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.FraudBacklogSerializer;
import dev.funnelflow.flink.UserRiskStateSerializer;
import dev.funnelflow.flink.routing.FraudBacklog;
import dev.funnelflow.flink.routing.FraudInput;
import dev.funnelflow.flink.routing.UserInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class FraudDetectionFunctionTest {

    private static final long T0 = 1_793_577_600_000L;
    private static final long MINUTE = 60_000;
    /** A small forest so the test is fast and the forest is warm after a few hundred events. */
    private static final FraudSettings SETTINGS = new FraudSettings(RiskSettings.defaults(), AnomalyVector.defaults(),
            10, 64, 1, 0.1, Duration.ofHours(1), Duration.ofDays(7));
    private static final FraudRuleParser PARSER = new FraudRuleParser(Duration.ofHours(24).toMillis());

    @Test
    void cardTestingRaisesOneHighAlertWithReasons() throws Exception {
        try (var harness = open(null)) {
            harness.setProcessingTime(T0 + 10 * MINUTE); // emitted_at is wall-clock time
            for (int i = 0; i < 5; i++) {
                harness.processElement1(purchase("tester", "t" + i, T0 + i * MINUTE, 1.0, "card-" + i), T0 + i * MINUTE);
            }
            List<Alert> alerts = harness.extractOutputValues();
            assertThat(alerts).as("suppressed after the first high alert").hasSize(1);
            Alert alert = alerts.get(0);
            assertThat(alert.alertId()).isEqualTo("fraud-t2");
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
            assertThat(Arrays.stream(alert.reasons()).map(Reason::code))
                    .contains("card_testing_small_purchases_1h", "cards_distinct_24h");
            assertThat(alert.evidenceEventIds()).containsExactly("t2");
            assertThat(alert.modelVersion()).as("a pure rule alert").isNull();
            TopicSchemas.assertValid("alerts", new String(AlertJson.encode(alert), StandardCharsets.UTF_8));

            UserRiskState risk = keyed(harness, "tester", "risk", UserRiskState.class);
            assertThat(risk.getPurchases().getSize()).isEqualTo(5);
            assertThat(keyed(harness, "tester", "alert-suppression", AlertSuppression.class).getLastSeverity())
                    .isEqualTo(Severity.HIGH.ordinal());
        }
    }

    @Test
    void aRuleChangeOnTheControlTopicChangesAlertsMidStream() throws Exception {
        try (var harness = open(null)) {
            harness.processElement1(view("u", "v1", T0), T0);
            harness.processElement1(view("u", "v2", T0 + 1_000), T0 + 1_000);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processElement2(ruleChange("""
                    {"command_id": "c1", "type": "rule_upsert", "issued_at": 1793577600000, "rule_id": "test.two_views",
                     "kind": "fraud", "severity": "low",
                     "params": {"feature": "events", "window": "1m", "op": ">=", "threshold": 3}}"""), T0 + 1_500);
            harness.processElement1(view("u", "v3", T0 + 2_000), T0 + 2_000);
            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(a -> assertThat(a.reasons()[0].code()).isEqualTo("test_two_views"));

            harness.processElement2(ruleChange("""
                    {"command_id": "c2", "type": "rule_delete", "issued_at": 1793577700000,
                     "rule_id": "test.two_views"}"""), T0 + 2_500);
            harness.processElement1(view("w", "w1", T0 + 3_000), T0 + 3_000);
            harness.processElement1(view("w", "w2", T0 + 3_001), T0 + 3_001);
            harness.processElement1(view("w", "w3", T0 + 3_002), T0 + 3_002);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(operator(harness).getOperatorStateBackend().getBroadcastState(FraudDetectionFunction.RULES)
                    .get("test.two_views").rule()).isNull();
        }
    }

    @Test
    void restoredFromACheckpointItContinuesExactlyAsTheOriginal() throws Exception {
        OperatorSubtaskState snapshot;
        var original = open(null);
        // Warm the forest on ordinary shoppers, and change a rule, before the checkpoint.
        for (int i = 0; i < 400; i++) {
            long time = T0 + i * 7_000L;
            original.processElement1(i % 9 == 0 ? purchase("s" + (i % 40), "p" + i, time, 20 + i % 30, "c" + (i % 40))
                    : view("s" + (i % 40), "v" + i, time), time);
        }
        original.processElement2(ruleChange("""
                {"command_id": "c1", "type": "rule_upsert", "issued_at": 1793577600000, "rule_id": "cards.distinct_24h",
                 "kind": "fraud", "severity": "medium",
                 "params": {"feature": "distinct_cards", "window": "24h", "op": ">=", "threshold": 2}}"""), T0);
        snapshot = checkpoint(original, 1, T0);
        try (var restored = open(snapshot)) {
            long after = T0 + 400 * 7_000L;
            for (int i = 0; i < 6; i++) {
                FraudInput attack = purchase("s1", "x" + i, after + i * MINUTE, 1.0, "stolen-" + i);
                original.processElement1(attack, after + i * MINUTE);
                restored.processElement1(attack, after + i * MINUTE);
            }
            List<Alert> expected = original.extractOutputValues();
            List<Alert> actual = restored.extractOutputValues();
            List<Alert> afterCheckpoint = expected.subList(expected.size() - actual.size(), expected.size());
            assertThat(actual).isNotEmpty();
            assertThat(actual).extracting(Alert::alertId, Alert::severity, Alert::score)
                    .isEqualTo(afterCheckpoint.stream().map(a -> org.assertj.core.groups.Tuple.tuple(
                            a.alertId(), a.severity(), a.score())).toList());
            assertThat(Arrays.stream(actual.get(0).reasons()).map(Reason::code))
                    .as("the changed rule survived the restore").contains("cards_distinct_24h");
        } finally {
            original.close();
        }
    }

    @Test
    void aForgetDeletesTheUsersRiskStateAndSuppressionAndNoOneElses() throws Exception {
        try (var harness = open(null)) {
            for (int i = 0; i < 5; i++) {
                harness.processElement1(purchase("tester", "t" + i, T0 + i * MINUTE, 1.0, "card-" + i), T0 + i * MINUTE);
            }
            harness.processElement1(view("other", "o1", T0), T0);
            assertThat(harness.extractOutputValues()).hasSize(1);

            harness.processElement1(FraudInput.of(new ForgetUser("forget-1", T0, "tester"), T0 + 4 * MINUTE),
                    T0 + 5 * MINUTE);

            assertThat(keyed(harness, "tester", "risk", UserRiskState.class)).isNull();
            assertThat(keyed(harness, "tester", "alert-suppression", AlertSuppression.class)).isNull();
            assertThat(keyed(harness, "other", "risk", UserRiskState.class).getEvents().getSize()).isEqualTo(1);
            // The earlier small purchases are forgotten: one more on a new card is no card testing.
            harness.processElement1(purchase("tester", "t5", T0 + 6 * MINUTE, 1.0, "card-5"), T0 + 6 * MINUTE);
            assertThat(harness.extractOutputValues()).hasSize(1);
            assertThat(keyed(harness, "tester", "risk", UserRiskState.class).getPurchases().getSize()).isEqualTo(1);
        }
    }

    @Test
    void aSignupWhoseSightingsComeAfterThePurchasesIsStillScoredFirst() throws Exception {
        try (var harness = open(null)) {
            ClickEvent signup = event("new", "signup", EventType.SIGNUP, T0, null);
            ClickEvent purchase = event("new", "purchase", EventType.PURCHASE, T0 + 5_000, null);
            harness.processElement1(FraudInput.inUserOrder(UserInput.of(signup)), T0);
            harness.processElement1(FraudInput.inUserOrder(UserInput.of(purchase)), T0 + 5_000);
            // The purchase's device and IP were counted on other subtasks, whose answer comes first.
            harness.processElement1(FraudInput.of(CrossKeyLookup.of(purchase).withSightings(deviceUsers(2))), T0);
            assertThat(harness.extractOutputValues()).as("the purchase waits behind the signup").isEmpty();
            assertThat(keyed(harness, "new", "risk", UserRiskState.class)).isNull();

            harness.processElement1(FraudInput.of(CrossKeyLookup.of(signup).withSightings(deviceUsers(1))), T0);

            assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
                assertThat(alert.evidenceEventIds()).containsExactly("purchase");
                assertThat(Arrays.stream(alert.reasons()).map(Reason::code)).contains("new_account_instant_purchase");
            });
            assertThat(backlog(harness, "new")).isNull();
            assertThat(harness.numProcessingTimeTimers()).as("left to fire on an empty backlog").isEqualTo(1);
        }
    }

    @Test
    void aForgetWaitsBehindTheUsersEarlierEventsAndClearsWhatTheyAdded() throws Exception {
        try (var harness = open(null)) {
            ClickEvent login = event("u", "login", EventType.LOGIN, T0, null);
            harness.processElement1(FraudInput.inUserOrder(UserInput.of(login)), T0);
            harness.processElement1(FraudInput.of(new ForgetUser("forget-1", T0, "u"), Long.MIN_VALUE), T0 + 1);
            harness.processElement1(view("u", "after", T0 + 2), T0 + 2);
            harness.processElement1(FraudInput.of(CrossKeyLookup.of(login).withSightings(deviceUsers(1))), T0 + 3);

            UserRiskState risk = keyed(harness, "u", "risk", UserRiskState.class);
            assertThat(risk.getEvents().getSize()).as("only the view after the forget").isEqualTo(1);
            assertThat(backlog(harness, "u")).isNull();
        }
    }

    @Test
    void sightingsOfEventsBeforeTheForgetAreDroppedWhetherWaitingOrStillToCome() throws Exception {
        try (var harness = open(null)) {
            harness.setProcessingTime(0);
            ClickEvent login = event("u", "login", EventType.LOGIN, T0, null);
            ClickEvent purchase = event("u", "purchase", EventType.PURCHASE, T0 + 1, null);
            harness.processElement1(FraudInput.inUserOrder(UserInput.of(login)), T0);
            harness.setProcessingTime(FraudDetectionFunction.SIGHTINGS_MAX_WAIT.toMillis() + 1_000);
            harness.processElement1(FraudInput.inUserOrder(UserInput.of(purchase)), T0 + 1);
            harness.setProcessingTime(2 * FraudDetectionFunction.SIGHTINGS_MAX_WAIT.toMillis() + 2_000);
            // Both went on without their sightings; the login's come late and wait for an event already gone.
            harness.processElement1(FraudInput.of(CrossKeyLookup.of(login).withSightings(deviceUsers(1))), T0);
            assertThat(backlog(harness, "u").early()).hasSize(1);

            harness.processElement1(FraudInput.of(new ForgetUser("forget-1", T0, "u"), T0 + 1), T0 + 2);
            assertThat(backlog(harness, "u")).as("the waiting sightings went with the user").isNull();
            harness.processElement1(FraudInput.of(CrossKeyLookup.of(purchase).withSightings(deviceUsers(1))), T0 + 3);
            assertThat(backlog(harness, "u")).as("and those still to come are dropped").isNull();
            assertThat(keyed(harness, "u", "risk", UserRiskState.class)).isNull();

            harness.processElement1(view("u", "after", T0 + 4), T0 + 4);
            assertThat(keyed(harness, "u", "risk", UserRiskState.class).getEvents().getSize()).isEqualTo(1);
        }
    }

    @Test
    void anEventWhoseSightingsNeverComeGoesOnAfterTheWaitAndItsHeldInputsSurviveARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var original = open(null)) {
            original.setProcessingTime(0);
            original.processElement1(FraudInput.inUserOrder(UserInput.of(event("u", "login", EventType.LOGIN, T0, null))),
                    T0);
            original.processElement1(view("u", "v1", T0 + 1), T0 + 1);
            snapshot = checkpoint(original, 1, T0);
        }
        try (var restored = open(snapshot)) {
            assertThat(backlog(restored, "u").held()).hasSize(2);
            restored.setProcessingTime(FraudDetectionFunction.SIGHTINGS_MAX_WAIT.toMillis() - 1);
            assertThat(keyed(restored, "u", "risk", UserRiskState.class)).isNull();

            restored.setProcessingTime(FraudDetectionFunction.SIGHTINGS_MAX_WAIT.toMillis() + 1_000);

            assertThat(keyed(restored, "u", "risk", UserRiskState.class).getEvents().getSize()).isEqualTo(2);
            assertThat(backlog(restored, "u")).isNull();
        }
    }

    @Test
    void aRiskStateWaitsOnTheHeapUntilTheBarrier() throws Exception {
        try (var harness = open(5000, true, null)) {
            harness.processElement1(view("u", "v1", T0), T0);
            harness.processElement1(view("u", "v2", T0 + 1), T0 + 1);
            assertThat(stored(harness, "u")).as("not written yet").isNull();

            harness.prepareSnapshotPreBarrier(1);
            assertThat(stored(harness, "u").getEvents().getSize()).isEqualTo(2);
        }
    }

    @Test
    void aRiskStateLeavingTheCacheIsWrittenUnderItsOwnUser() throws Exception {
        try (var harness = open(1, true, null)) {
            harness.processElement1(view("u", "u1", T0), T0);
            assertThat(stored(harness, "u")).isNull();

            // v's state takes the one place: u's is written under u, while v's event is being processed.
            harness.processElement1(view("v", "v1", T0 + 1), T0 + 1);
            assertThat(stored(harness, "u").getEvents().getSize()).isEqualTo(1);
            assertThat(stored(harness, "v")).isNull();

            // u again: read back from state, and v's written under v.
            harness.processElement1(view("u", "u2", T0 + 2), T0 + 2);
            assertThat(stored(harness, "v").getEvents().getSize()).isEqualTo(1);
            assertThat(stored(harness, "u").getEvents().getSize()).as("u's second view still on the heap").isEqualTo(1);

            harness.prepareSnapshotPreBarrier(1);
            assertThat(stored(harness, "u").getEvents().getSize()).isEqualTo(2);
            assertThat(stored(harness, "v").getEvents().getSize()).isEqualTo(1);
        }
    }

    @Test
    void aForgetTakesTheCachedRiskStateAndDropsItUnwritten() throws Exception {
        try (var harness = open(5000, true, null)) {
            harness.processElement1(view("u", "v1", T0), T0);
            harness.prepareSnapshotPreBarrier(1);
            harness.processElement1(view("u", "v2", T0 + 1), T0 + 1); // only on the heap
            harness.processElement1(view("w", "w1", T0 + 1), T0 + 1);

            harness.processElement1(FraudInput.of(new ForgetUser("forget-1", T0, "u"), T0 + 1), T0 + 2);
            assertThat(stored(harness, "u")).as("the stored state is gone").isNull();
            harness.prepareSnapshotPreBarrier(2);
            assertThat(stored(harness, "u")).as("and the cached one is not written back").isNull();
            assertThat(stored(harness, "w").getEvents().getSize()).isEqualTo(1);

            harness.processElement1(view("u", "v3", T0 + 3), T0 + 3);
            harness.prepareSnapshotPreBarrier(3);
            assertThat(stored(harness, "u").getEvents().getSize()).as("a new history").isEqualTo(1);
        }
    }

    /**
     * The cache changes no output: the same seeded mix of users' views, carts, purchases with payments, signups and
     * logins, with sightings late, early or lost, forgets, a rule change and barriers, gives the same alerts with the
     * same timestamps in the same order whether every event goes to RocksDB, every other user evicts, or every user
     * stays on the heap.
     */
    @Test
    void everyCacheSizeRaisesTheSameAlerts() throws Exception {
        List<Step> steps = steps(new Random(4));
        List<Object> expected = null;
        for (int riskCache : new int[] {0, 1, 5000}) {
            try (var run = open(riskCache, true, null)) {
                for (Step step : steps) {
                    step.apply(run);
                }
                List<Object> alerts = new ArrayList<>(run.getOutput());
                if (expected == null) {
                    expected = alerts;
                    assertThat(expected).as("enough alerts to compare").hasSizeGreaterThan(10);
                    continue;
                }
                assertThat(alerts).as("cache %d", riskCache).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(alerts.get(i)).as("cache %d, alert %d", riskCache, i).usingRecursiveComparison()
                            .isEqualTo(expected.get(i));
                }
            }
        }
    }

    /** A snapshot taken mid-run holds every change the cache had not written: the restored run goes on the same. */
    @Test
    void aCheckpointHoldsEveryRiskChangeTheCacheHasNotWrittenYet() throws Exception {
        List<Step> steps = steps(new Random(7));
        int half = steps.size() / 2;
        try (var original = open(5000, true, null)) {
            for (Step step : steps.subList(0, half)) {
                step.apply(original);
            }
            OperatorSubtaskState snapshot = checkpoint(original, 100, T0);
            long now = original.getProcessingTime();
            int before = original.getOutput().size();
            try (var restored = open(5000, true, snapshot)) {
                restored.setProcessingTime(now);
                for (Step step : steps.subList(half, steps.size())) {
                    step.apply(original);
                    step.apply(restored);
                }
                List<Object> expected = new ArrayList<>(original.getOutput()).subList(before, original.getOutput().size());
                List<Object> actual = new ArrayList<>(restored.getOutput());
                assertThat(expected).as("alerts after the checkpoint").hasSizeGreaterThan(3);
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(actual.get(i)).as("alert %d", i).usingRecursiveComparison().isEqualTo(expected.get(i));
                }
            }
        }
    }

    /** One input, barrier or clock move of a replay. */
    @FunctionalInterface
    private interface Step {
        void apply(KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness)
                throws Exception;
    }

    /**
     * A few hundred inputs over eight users as user-activity and the cross-key operators send them: transactional
     * events wait for their sightings, which come late, now and then first, or never (the timer lets the event go).
     */
    private static List<Step> steps(Random random) {
        EventType[] types = {EventType.VIEW, EventType.VIEW, EventType.VIEW, EventType.VIEW, EventType.ADD_TO_CART,
                EventType.PURCHASE, EventType.PURCHASE, EventType.SIGNUP, EventType.LOGIN};
        List<Step> steps = new ArrayList<>();
        List<ClickEvent> awaiting = new ArrayList<>();
        Map<String, Long> lastEventTime = new HashMap<>();
        long time = T0;
        long clock = 0;
        for (int i = 0; i < 500; i++) {
            time += random.nextInt(20_000);
            String user = "u" + random.nextInt(8);
            int dice = random.nextInt(100);
            if (dice < 2) {
                long cutoff = lastEventTime.getOrDefault(user, Long.MIN_VALUE);
                FraudInput forget = FraudInput.of(new ForgetUser("forget-" + i, time, user), cutoff);
                long at = time;
                steps.add(h -> h.processElement1(forget, at));
            } else if (dice < 6) {
                long id = i;
                steps.add(h -> h.prepareSnapshotPreBarrier(id));
            } else if (dice < 8) {
                clock += random.nextInt(2) == 0 ? 1_000 : FraudDetectionFunction.SIGHTINGS_MAX_WAIT.toMillis() + 1_000;
                long to = clock;
                steps.add(h -> h.setProcessingTime(to));
            } else if (dice < 20 && !awaiting.isEmpty()) {
                ClickEvent event = awaiting.remove(random.nextInt(awaiting.size()));
                if (random.nextInt(10) > 0) { // else lost
                    FraudInput sightings = FraudInput.of(CrossKeyLookup.of(event)
                            .withSightings(deviceUsers(1 + random.nextInt(4))));
                    steps.add(h -> h.processElement1(sightings, event.eventTime()));
                }
            } else if (i == 250) {
                RuleChange change = ruleChange("""
                        {"command_id": "c1", "type": "rule_upsert", "issued_at": 1793577600000,
                         "rule_id": "test.busy", "kind": "fraud", "severity": "low",
                         "params": {"feature": "events", "window": "1m", "op": ">=", "threshold": 4}}""");
                long at = time;
                steps.add(h -> h.processElement2(change, at));
            } else {
                EventType type = types[random.nextInt(types.length)];
                Payment payment = type == EventType.PURCHASE ? new Payment("card", "card-" + random.nextInt(12),
                        random.nextInt(3) == 0 ? 1.0 + random.nextInt(4) : 20.0 + random.nextInt(400), "USD") : null;
                ClickEvent event = new ClickEvent("e" + i, time, user, "s", type,
                        type == EventType.SIGNUP || type == EventType.LOGIN ? null : "i" + random.nextInt(20), null,
                        10.0 + random.nextInt(90), 1, type == EventType.PURCHASE ? "o" + i : null, null, null,
                        new EventContext("d" + random.nextInt(5), "10.0.0." + random.nextInt(5), "agent", "DE", "web"),
                        payment, new RecordOrigin("clickstream", 0, i));
                lastEventTime.put(user, time);
                FraudInput input = FraudInput.inUserOrder(UserInput.of(event));
                if (input.awaitsSightings() && random.nextInt(8) == 0) {
                    // The cross-key operators answered first.
                    FraudInput sightings = FraudInput.of(CrossKeyLookup.of(event).withSightings(deviceUsers(1)));
                    steps.add(h -> h.processElement1(sightings, event.eventTime()));
                } else if (input.awaitsSightings()) {
                    awaiting.add(event);
                }
                steps.add(h -> h.processElement1(input, event.eventTime()));
            }
        }
        return steps;
    }

    /** The default cache on the heap backend; the cache tests choose both. */
    private static KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> open(
            OperatorSubtaskState state) throws Exception {
        return open(5000, false, state);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> open(int riskCache,
            boolean rocksDb, OperatorSubtaskState state) throws Exception {
        // The second input is broadcast, not keyed; the harness wants a key for it, which the operator never uses.
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new FraudDetectionFunction(SETTINGS, PARSER.defaultRules(), Duration.ofMinutes(5), riskCache),
                FraudInput::userId, RuleChange::ruleId, Types.STRING, 1, 1, 0);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        harness.setup();
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    private static FraudDetectionFunction operator(
            KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness) {
        return (FraudDetectionFunction) harness.getOperator();
    }

    /** What the task does for a checkpoint: the harness's snapshot alone does not tell the operator a barrier comes. */
    private static OperatorSubtaskState checkpoint(
            KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness, long id, long time)
            throws Exception {
        harness.prepareSnapshotPreBarrier(id);
        return harness.snapshot(id, time);
    }

    /** The user's state as a checkpoint would hold it: the risk cache is written back first. */
    private static <T> T keyed(KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness,
            String key, String name, Class<T> type) throws Exception {
        harness.prepareSnapshotPreBarrier(0);
        return backend(harness, key).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>(name, type)).value();
    }

    /** The user's risk state as it is in keyed state, whatever the cache holds unwritten. */
    private static UserRiskState stored(
            KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness, String key)
            throws Exception {
        return backend(harness, key).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("risk", UserRiskStateSerializer.INSTANCE)).value();
    }

    private static FraudBacklog backlog(
            KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness, String key)
            throws Exception {
        return backend(harness, key).getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("sightings-backlog", FraudBacklogSerializer.INSTANCE)).value();
    }

    private static KeyedStateBackend<Object> backend(
            KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness, String key) {
        FraudDetectionFunction operator = operator(harness);
        operator.setCurrentKey(key);
        return operator.getKeyedStateBackend();
    }

    private static CrossKeySightings deviceUsers(int users) {
        long[] times = new long[users];
        Arrays.fill(times, T0);
        return new CrossKeySightings(times, times);
    }

    private static FraudInput view(String user, String id, long time) {
        return FraudInput.of(RiskEvent.of(event(user, id, EventType.VIEW, time, null)));
    }

    private static FraudInput purchase(String user, String id, long time, double amount, String card) {
        return FraudInput.of(RiskEvent.of(event(user, id, EventType.PURCHASE, time,
                new Payment("card", card, amount, "USD"))));
    }

    private static ClickEvent event(String user, String id, EventType type, long time, Payment payment) {
        return new ClickEvent(id, time, user, "s", type, "i1", null, 10.0, 1, null, null, null,
                new EventContext("d-" + user, "10.0.0.1", "agent", "DE", "web"), payment,
                new RecordOrigin("clickstream", 0, 0));
    }

    /** A rule change as {@code route-control} passes it on: its signature checked there, its issuer named. */
    private static RuleChange ruleChange(String json) {
        String issued = json.replaceFirst("\\{", "{\"issued_by\": \"fraud-team\", ");
        return (RuleChange) new ControlParser(PARSER).parse(issued.getBytes(StandardCharsets.UTF_8));
    }
}
