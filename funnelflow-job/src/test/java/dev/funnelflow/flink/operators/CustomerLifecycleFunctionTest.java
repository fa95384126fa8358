package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertJson;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.cart.Cart;
import dev.funnelflow.alerts.cart.CartAbandonment;
import dev.funnelflow.alerts.churn.BgNbdParameters;
import dev.funnelflow.alerts.churn.ChurnModel;
import dev.funnelflow.alerts.churn.ChurnModelFile;
import dev.funnelflow.alerts.churn.ChurnWatch;
import dev.funnelflow.alerts.churn.LifecycleAlertSettings;
import dev.funnelflow.alerts.churn.PurchaseHistory;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.routing.UserInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerLifecycleFunctionTest {

    private static final long T0 = 1_793_577_600_000L; // 2026-11-02T00:00:00Z
    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final ChurnWatch CHURN = new ChurnWatch(new BgNbdParameters(0.243, 4.414, 0.793, 2.426),
            "churn-test", 0.3, 2, Duration.ofDays(1), Duration.ofDays(365));
    private static final LifecycleAlertSettings SETTINGS = new LifecycleAlertSettings(
            new CartAbandonment(Duration.ofMinutes(30), 50, 200), CHURN, null, 0, Duration.ofDays(30));

    @TempDir
    Path models;

    private KeyedOneInputStreamOperatorTestHarness<String, UserInput, Alert> harness;
    private int ids;

    @BeforeEach
    void open() throws Exception {
        harness = open(SETTINGS, null);
        harness.setProcessingTime(T0 + DAY); // emitted_at is wall-clock time
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void anIdleCartRaisesOneAlertAndIsForgotten() throws Exception {
        send(event("a1", EventType.ADD_TO_CART, "shoe", 100.0, T0));
        send(event("v1", EventType.VIEW, "hat", null, T0 + 10 * MINUTE));
        assertThat(harness.numEventTimeTimers()).as("the deadline moved, not added").isEqualTo(1);

        harness.processWatermark(new Watermark(T0 + 39 * MINUTE));
        assertThat(harness.extractOutputValues()).as("the view continued the session").isEmpty();

        harness.processWatermark(new Watermark(T0 + 40 * MINUTE));
        Alert alert = harness.extractOutputValues().get(0);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(alert.kind()).isEqualTo(AlertKind.CART_ABANDONMENT);
        assertThat(alert.alertId()).isEqualTo("cart_abandonment-v1");
        assertThat(alert.userId()).isEqualTo("u");
        assertThat(alert.eventTime()).isEqualTo(T0 + 40 * MINUTE);
        assertThat(alert.emittedAt()).isEqualTo(T0 + DAY);
        assertThat(alert.evidenceEventIds()).containsExactly("a1");
        TopicSchemas.assertValid("alerts", new String(AlertJson.encode(alert), StandardCharsets.UTF_8));
        assertThat(cart("u")).isNull();
        assertThat(harness.numEventTimeTimers()).isZero();

        harness.processWatermark(new Watermark(T0 + DAY));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aResolvedCartClearsItsTimerAndState() throws Exception {
        send(event("a1", EventType.ADD_TO_CART, "shoe", 100.0, T0));
        send(event("a2", EventType.ADD_TO_CART, "sock", 5.0, T0 + MINUTE));
        send(event("r1", EventType.REMOVE_FROM_CART, "sock", null, T0 + 2 * MINUTE));
        assertThat(cart("u").lines()).hasSize(1);
        send(event("p1", EventType.PURCHASE, "shoe", 100.0, T0 + 3 * MINUTE));

        assertThat(cart("u")).isNull();
        assertThat(harness.numEventTimeTimers()).as("a single purchase schedules no churn check").isZero();
        harness.processWatermark(new Watermark(T0 + DAY));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void anEventPastTheDeadlineSettlesTheAbandonedCartFirst() throws Exception {
        send(event("a1", EventType.ADD_TO_CART, "shoe", 100.0, T0));
        // No watermark has reached the deadline yet; the next event shows the user was gone for 45 minutes.
        send(event("a2", EventType.ADD_TO_CART, "sock", 5.0, T0 + 45 * MINUTE));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("cart_abandonment-a1");
            assertThat(alert.eventTime()).isEqualTo(T0 + 30 * MINUTE);
            assertThat(alert.evidenceEventIds()).containsExactly("a1");
        });
        assertThat(cart("u").evidenceEventIds()).as("a new cart").containsExactly("a2");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(new Watermark(T0 + DAY));
        assertThat(harness.extractOutputValues()).extracting(Alert::alertId)
                .containsExactly("cart_abandonment-a1", "cart_abandonment-a2");
    }

    @Test
    void theEndOfTheInputFiresWhatIsPending() throws Exception {
        purchasesAtWeeks(0, 1, 2);
        send(event("a1", EventType.ADD_TO_CART, "shoe", 100.0, T0 + 14 * DAY + MINUTE));
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.extractOutputValues()).extracting(Alert::kind)
                .containsExactly(AlertKind.CART_ABANDONMENT, AlertKind.CHURN_RISK);
        assertThat(cart("u")).isNull();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLapsedRegularRaisesOneChurnAlertOnItsCheck() throws Exception {
        purchasesAtWeeks(0, 1, 2);
        PurchaseHistory history = history("u");
        long check = history.nextCheck();
        assertThat(check).isEqualTo(CHURN.nextCheck(history, T0 + 14 * DAY));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark(new Watermark(check - 1));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processWatermark(new Watermark(check));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.CHURN_RISK);
            assertThat(alert.eventTime()).isEqualTo(check);
            assertThat(alert.modelVersion()).isEqualTo("churn-test");
            TopicSchemas.assertValid("alerts", new String(AlertJson.encode(alert), StandardCharsets.UTF_8));
        });
        assertThat(history("u").alerted()).isTrue();
        assertThat(harness.numEventTimeTimers()).as("one alert per lapse: no further check").isZero();

        send(event("v1", EventType.VIEW, "hat", null, check + 30 * DAY));
        harness.processWatermark(new Watermark(check + 60 * DAY));
        assertThat(harness.extractOutputValues()).hasSize(1);

        send(event("p9", EventType.PURCHASE, "i1", 10.0, check + 60 * DAY));
        assertThat(history("u").alerted()).as("buying again ends the lapse").isFalse();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void aNewerChurnModelFileServesWithoutARestartAndABrokenOneChangesNothing() throws Exception {
        Path file = churnModel("churn-a", 0, 1);
        harness.close();
        harness = open(new LifecycleAlertSettings(SETTINGS.cartAbandonment(), CHURN, new ChurnModelFile(models.toString()),
                10, Duration.ofDays(30)), null); // the file is polled every 10 ms, in the background
        var lifecycle = (CustomerLifecycleFunction) ((KeyedProcessOperator<?, ?, ?>) harness.getOperator())
                .getUserFunction();
        assertThat(lifecycle.servingChurnModel()).as("read at open").isEqualTo("churn-a");
        harness.setProcessingTime(T0);
        purchasesAtWeeks(0, 1, 2);
        long check = history("u").nextCheck();

        churnModel("churn-b", 1, 0.5); // drops out sooner
        await().atMost(Duration.ofMinutes(1)).until(() -> lifecycle.servingChurnModel().equals("churn-b"));
        send(event("v1", EventType.VIEW, "hat", null, T0 + 15 * DAY));
        replace(file, "{\"model_version\": \"churn-c\"}", 2); // no parameters
        await().atMost(Duration.ofMinutes(1)).until(() -> lifecycle.churnModelsRejected() == 1);
        send(event("v2", EventType.VIEW, "hat", null, T0 + 16 * DAY));

        harness.processWatermark(new Watermark(check + 365 * DAY));
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(alert -> assertThat(alert.modelVersion()).isEqualTo("churn-b"));
    }

    /** Writes the bundled CDNOW card as {@code version}, its file time moved {@code ageSeconds} into the future. */
    private Path churnModel(String version, int ageSeconds, double bScale) throws Exception {
        ObjectNode card = (ObjectNode) new ObjectMapper().readTree(ChurnModel.bundled().card().toString());
        card.put("model_version", version);
        ((ObjectNode) card.get("params")).put("b", 2.426 * bScale);
        return replace(models.resolve(ChurnModel.FILE_NAME), card.toString(), ageSeconds);
    }

    /**
     * Writes {@code file} aside and moves it in, its time {@code ageSeconds} into the future: the poller, every 10 ms,
     * sees the new file whole and once, never half written or first with its old time.
     */
    private Path replace(Path file, String content, int ageSeconds) throws Exception {
        Path aside = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
        Files.setLastModifiedTime(aside, FileTime.fromMillis(System.currentTimeMillis() + ageSeconds * 1_000L));
        return Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aPurchasePastTheCheckSettlesTheLapseFirst() throws Exception {
        purchasesAtWeeks(0, 1, 2);
        long check = history("u").nextCheck();
        send(event("p9", EventType.PURCHASE, "i1", 10.0, check + DAY));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.CHURN_RISK);
            assertThat(alert.eventTime()).as("when the check was due").isEqualTo(check);
        });
        assertThat(history("u").alerted()).isFalse();
        assertThat(history("u").nextCheck()).isGreaterThan(check + DAY);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void anEventAfterTheCrossingRaisesTheAlertAndCancelsTheCheck() throws Exception {
        purchasesAtWeeks(0, 1, 2);
        long check = history("u").nextCheck();
        // The user browses after P(alive) fell below the threshold, before the watermark reaches the check.
        send(event("v1", EventType.VIEW, "hat", null, check - MINUTE));
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(alert -> assertThat(alert.eventTime()).isEqualTo(check - MINUTE));
        assertThat(harness.numEventTimeTimers()).isZero();
        harness.processWatermark(new Watermark(check + DAY));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void aCartMovedOffTheChurnCheckInstantLeavesTheCheckInPlace() throws Exception {
        // Carts idle for two days, so the cart events come before P(alive) crosses (within the day before the check).
        harness.close();
        harness = open(new LifecycleAlertSettings(new CartAbandonment(Duration.ofDays(2), 50, 200), CHURN, null, 0,
                Duration.ofDays(30)), null);
        harness.setProcessingTime(T0);
        purchasesAtWeeks(0, 1, 2);
        long check = history("u").nextCheck();
        // Flink keeps one timer per key and instant: here both kinds wait on the same one, then the cart moves.
        send(event("a1", EventType.ADD_TO_CART, "shoe", 100.0, check - 2 * DAY));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        send(event("v1", EventType.VIEW, "hat", null, check - 2 * DAY - MINUTE)); // out of order: deadline stays
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        send(event("v2", EventType.VIEW, "hat", null, check - 2 * DAY + 10 * MINUTE));
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.processWatermark(new Watermark(check));
        assertThat(harness.extractOutputValues()).extracting(Alert::kind).containsExactly(AlertKind.CHURN_RISK);
        harness.processWatermark(new Watermark(check + 10 * MINUTE));
        assertThat(harness.extractOutputValues()).extracting(Alert::kind)
                .containsExactly(AlertKind.CHURN_RISK, AlertKind.CART_ABANDONMENT);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void pendingTimersAndStateSurviveARestore() throws Exception {
        send(event("a1", EventType.ADD_TO_CART, "shoe", 100.0, T0));
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();
        harness = open(SETTINGS, snapshot);
        assertThat(cart("u").lines()).hasSize(1);
        harness.processWatermark(new Watermark(T0 + 30 * MINUTE));
        assertThat(harness.extractOutputValues()).extracting(Alert::alertId).containsExactly("cart_abandonment-a1");
    }

    @Test
    void aForgetDeletesTheUsersCartHistoryAndTimersAndNoOneElses() throws Exception {
        purchasesAtWeeks(0, 1, 2);
        send(event("a1", EventType.ADD_TO_CART, "shoe", 100.0, T0 + 14 * DAY + MINUTE));
        send(new ClickEvent("o1", T0 + 14 * DAY, "other", "s", EventType.ADD_TO_CART, "hat", null,
                80.0, 1, null, null, null, null, null, new RecordOrigin("clickstream", 1, 1)));
        assertThat(harness.numEventTimeTimers()).as("u: cart deadline and churn check; other: deadline").isEqualTo(3);

        harness.processElement(UserInput.of(new ForgetUser("forget-1", T0 + 15 * DAY, "u"), Long.MIN_VALUE),
                T0 + 15 * DAY);

        assertThat(cart("u")).isNull();
        assertThat(history("u")).isNull();
        assertThat(harness.numEventTimeTimers()).as("only the other user's deadline").isEqualTo(1);
        assertThat(cart("other").lines()).hasSize(1);
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(harness.extractOutputValues()).extracting(Alert::alertId).containsExactly("cart_abandonment-o1");
    }

    private void purchasesAtWeeks(int... weeks) throws Exception {
        for (int week : weeks) {
            send(event("p" + week, EventType.PURCHASE, "i1", 10.0, T0 + week * 7 * DAY));
        }
    }

    private void send(ClickEvent event) throws Exception {
        harness.processElement(UserInput.of(event), event.eventTime());
    }

    private Cart cart(String user) throws Exception {
        return state(user, "open-cart", Cart.class);
    }

    private PurchaseHistory history(String user) throws Exception {
        return state(user, "purchase-history", PurchaseHistory.class);
    }

    private <T> T state(String user, String name, Class<T> type) throws Exception {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        operator.setCurrentKey(user);
        return operator.getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>(name, type)).value();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, UserInput, Alert> open(
            LifecycleAlertSettings settings, OperatorSubtaskState state) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CustomerLifecycleFunction(settings)), UserInput::userId, Types.STRING);
        harness.setup();
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
        return harness;
    }

    private ClickEvent event(String id, EventType type, String item, Double price, long time) {
        ids++;
        return new ClickEvent(id, time, "u", "s", type, item, null, price, 1, null, null, null, null, null,
                new RecordOrigin("clickstream", 0, ids));
    }
}
