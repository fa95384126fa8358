package dev.funnelflow.flink.operators;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.cart.Cart;
import dev.funnelflow.alerts.cart.CartAbandonment;
import dev.funnelflow.alerts.churn.ChurnModel;
import dev.funnelflow.alerts.churn.ChurnWatch;
import dev.funnelflow.alerts.churn.LifecycleAlertSettings;
import dev.funnelflow.alerts.churn.PurchaseHistory;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.flink.routing.UserInput;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by user: the customer-lifecycle alerts on event-time timers. {@code cart_abandonment}: while the cart
 * holds items, one timer at the user's last event plus the idle time, moved by every event and deleted when the
 * cart empties; when it fires the alert goes out and the cart state is cleared. {@code churn_risk}: per customer
 * the BG/NBD statistics, checked on each event and on one timer at the first scheduled check that P(alive)
 * fails ({@link ChurnWatch}); at most one alert until the customer buys again.
 *
 * <p>An event later than a pending deadline or check settles it first, exactly as its timer would have: whether the
 * watermark got there before the event is a matter of timing, and the alerts must not depend on it (a replay gives
 * the same alerts every run). The end of a bounded input (watermark at +∞) fires every pending timer, as for any
 * Flink timer or window.
 *
 * <p>Both kinds share the key's timers, and Flink keeps one timer per key and instant: timers are reconciled as a
 * set, so one kind never deletes an instant the other still waits on.
 *
 * <p>Its input comes from user-activity ({@link UserActivityFunction#ACCEPTED}): events without duplicates or
 * late ones, still partitioned by user, so the operator is chained to user-activity with no shuffle of its own.
 *
 * <p>A {@link ForgetUser} in the input deletes the user's cart and purchase history and both timers. The
 * timers' instants follow from that state, so they are deleted exactly rather than left to fire on nothing: a
 * pending churn check can lie months ahead, and a timer keeps the user's key in every checkpoint until it fires.
 * Unlike the labeller and fraud detection it needs no cut-off of its own: its one input is chained to user-activity,
 * in that operator's order, so whatever follows the forget passed user-activity's cut-off and is new activity.
 */
public final class CustomerLifecycleFunction extends KeyedProcessFunction<String, UserInput, Alert> {

    /** No timer scheduled; the same sentinel as {@link PurchaseHistory#NO_CHECK}. */
    private static final long NO_TIMER = PurchaseHistory.NO_CHECK;

    private static final Logger LOG = LoggerFactory.getLogger(CustomerLifecycleFunction.class);

    private final CartAbandonment cartAbandonment;
    private final LifecycleAlertSettings settings;
    /** Serving churn parameters: the configured model's, swapped when its file changes. */
    private transient ChurnWatch churn;
    /** The newest model the background poll read and the task has not yet swapped in. */
    private transient AtomicReference<ChurnModel> arrivedModel;
    /** Reads the churn model file off the task thread; null without a model file. */
    private transient ScheduledExecutorService modelPoll;
    private transient Counter churnModelSwaps;
    private transient Counter churnModelsRejected;
    private transient ValueState<Cart> cartState;
    private transient ValueState<PurchaseHistory> purchaseState;
    private transient UsersForgotten forgotten;

    public CustomerLifecycleFunction(LifecycleAlertSettings settings) {
        this.settings = settings;
        this.cartAbandonment = settings.cartAbandonment();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Cart> cart = new ValueStateDescriptor<>("open-cart", Cart.class);
        cart.enableTimeToLive(StateTtl.afterLastWrite(settings.cartStateTtl()));
        cartState = getRuntimeContext().getState(cart);
        ValueStateDescriptor<PurchaseHistory> purchases =
                new ValueStateDescriptor<>("purchase-history", PurchaseHistory.class);
        purchases.enableTimeToLive(StateTtl.afterLastWrite(settings.churn().horizon()));
        purchaseState = getRuntimeContext().getState(purchases);
        forgotten = UsersForgotten.register(getRuntimeContext());
        churn = settings.churn();
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        churnModelSwaps = metrics.counter("churnModelSwaps");
        churnModelsRejected = metrics.counter("churnModelsRejected");
        metrics.gauge("churnModelVersion", () -> churn.modelVersion());
        arrivedModel = new AtomicReference<>();
        if (settings.churnModelFile() != null) {
            // The file as it is now, before the first event: what the job was built with, or a newer one dropped in
            // since. Later changes are read by a background thread, never while processing a record.
            readChurnModel();
            followChurnModel();
            modelPoll = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread daemon = new Thread(task, "churn-model-poll-" + getRuntimeContext().getTaskInfo()
                        .getTaskNameWithSubtasks());
                daemon.setDaemon(true);
                return daemon;
            });
            modelPoll.scheduleWithFixedDelay(this::readChurnModel, settings.churnModelPollMillis(),
                    settings.churnModelPollMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** On the poll thread (and in {@link #open}): hands a changed model file to the task. */
    private void readChurnModel() {
        try {
            settings.churnModelFile().changed().ifPresent(arrivedModel::set);
        } catch (IOException | RuntimeException e) {
            churnModelsRejected.inc();
            LOG.warn("churn model {} rejected, {} keeps serving: {}", settings.churnModelFile().file(),
                    churn.modelVersion(), e.getMessage());
        }
    }

    /**
     * Serves the model the poll read, if any and if it differs from the serving one. Pending checks keep their
     * instants and are judged by the new parameters when they fire; each customer's next check is recomputed with
     * them at their next event.
     */
    private void followChurnModel() {
        ChurnModel model = arrivedModel.getAndSet(null);
        String serving = churn.modelVersion();
        if (model != null && (!model.modelVersion().equals(serving) || !model.parameters().equals(churn.parameters()))) {
            churn = churn.withModel(model);
            churnModelSwaps.inc();
            LOG.info("churn alerts now use model {} (was {}) from {}", model.modelVersion(), serving,
                    settings.churnModelFile().file());
        }
    }

    /** The churn model that serves once what the background poll read is swapped in, as the next record would. */
    @VisibleForTesting
    String servingChurnModel() {
        followChurnModel();
        return churn.modelVersion();
    }

    @VisibleForTesting
    long churnModelsRejected() {
        return churnModelsRejected.getCount();
    }

    @Override
    public void close() throws Exception {
        if (modelPoll != null) {
            modelPoll.shutdownNow();
        }
        super.close();
    }

    @Override
    public void processElement(UserInput input, Context ctx, Collector<Alert> out) throws Exception {
        if (input.forget() != null) {
            forget(input.forget(), ctx);
        } else {
            observe(input.event(), ctx, out);
        }
    }

    private void observe(ClickEvent event, Context ctx, Collector<Alert> out) throws Exception {
        String user = ctx.getCurrentKey();
        long emittedAt = ctx.timerService().currentProcessingTime();
        followChurnModel();
        Cart storedCart = cartState.value();
        PurchaseHistory storedHistory = purchaseState.value();
        long cartTimer = deadline(storedCart);
        long churnTimer = storedHistory == null ? NO_TIMER : storedHistory.nextCheck();

        Cart cart = storedCart;
        if (cart != null && cartTimer < event.eventTime()) {
            out.collect(cartAbandonment.alert(user, cart, emittedAt));
            cart = null;
        }
        PurchaseHistory history = storedHistory;
        if (churnTimer != NO_TIMER && churnTimer < event.eventTime()) {
            history = check(user, history, churnTimer, emittedAt, out);
        }

        // Most events are views of users without a cart: they leave it alone.
        if (cart != null || event.type() == EventType.ADD_TO_CART) {
            cart = (cart == null ? Cart.empty() : cart).apply(event);
            cart = cart.isEmpty() ? null : cart;
        }
        if (event.type() == EventType.PURCHASE) {
            history = history == null ? PurchaseHistory.firstPurchase(event) : history.withPurchase(event);
        }
        if (history != null) {
            history = check(user, history, event.eventTime(), emittedAt, out);
        }

        if (cart != storedCart) {
            if (cart == null) {
                cartState.clear();
            } else {
                cartState.update(cart);
            }
        }
        if (!Objects.equals(history, storedHistory)) {
            purchaseState.update(history);
        }
        reconcile(ctx.timerService(), cartTimer, churnTimer, deadline(cart),
                history == null ? NO_TIMER : history.nextCheck());
    }

    private void forget(ForgetUser forget, Context ctx) throws Exception {
        PurchaseHistory history = purchaseState.value();
        reconcile(ctx.timerService(), deadline(cartState.value()), history == null ? NO_TIMER : history.nextCheck(),
                NO_TIMER, NO_TIMER);
        cartState.clear();
        purchaseState.clear();
        forgotten.count(forget.commandId());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        String user = ctx.getCurrentKey();
        long emittedAt = ctx.timerService().currentProcessingTime();
        followChurnModel();
        Cart cart = cartState.value();
        if (cart != null && deadline(cart) == timestamp) {
            out.collect(cartAbandonment.alert(user, cart, emittedAt));
            cartState.clear();
        }
        PurchaseHistory history = purchaseState.value();
        if (history != null && history.nextCheck() == timestamp) {
            history = check(user, history, timestamp, emittedAt, out);
            purchaseState.update(history);
            if (history.nextCheck() != NO_TIMER) {
                ctx.timerService().registerEventTimeTimer(history.nextCheck());
            }
        }
    }

    /**
     * The churn check at event time {@code time}: emits the alert if due, and returns the history with the next
     * check (none after an alert; the following one if P(alive) held, e.g. by rounding at the crossing).
     */
    private PurchaseHistory check(String user, PurchaseHistory history, long time, long emittedAt,
            Collector<Alert> out) {
        PurchaseHistory checked = history;
        Optional<Alert> alert = churn.check(user, history, time, emittedAt);
        if (alert.isPresent()) {
            out.collect(alert.get());
            checked = history.withAlerted();
        }
        return checked.withNextCheck(churn.nextCheck(checked, time));
    }

    private long deadline(Cart cart) {
        return cart == null ? NO_TIMER : cartAbandonment.deadline(cart);
    }

    /** Deletes the instants no longer wanted and registers the new ones; an instant both kinds share stays. */
    private static void reconcile(TimerService timers, long oldCart, long oldChurn, long newCart, long newChurn) {
        for (long old : new long[] {oldCart, oldChurn}) {
            if (old != NO_TIMER && old != newCart && old != newChurn) {
                timers.deleteEventTimeTimer(old);
            }
        }
        for (long wanted : new long[] {newCart, newChurn}) {
            if (wanted != NO_TIMER && wanted != oldCart && wanted != oldChurn) {
                timers.registerEventTimeTimer(wanted);
            }
        }
    }
}
