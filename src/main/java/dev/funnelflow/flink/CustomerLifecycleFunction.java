package dev.funnelflow.flink;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.cart.Cart;
import dev.funnelflow.alerts.cart.CartAbandonment;
import dev.funnelflow.alerts.churn.ChurnWatch;
import dev.funnelflow.alerts.churn.PurchaseHistory;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.job.AlertSettings;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
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
 */
public final class CustomerLifecycleFunction extends KeyedProcessFunction<String, UserInput, Alert> {

    /** No timer scheduled; the same sentinel as {@link PurchaseHistory#NO_CHECK}. */
    private static final long NO_TIMER = PurchaseHistory.NO_CHECK;

    private static final Logger LOG = LoggerFactory.getLogger(CustomerLifecycleFunction.class);

    private final CartAbandonment cartAbandonment;
    private final AlertSettings settings;
    /** Serving churn parameters: the configured model's, swapped when its file changes. */
    private transient ChurnWatch churn;
    private transient long nextModelPoll;
    private transient Counter churnModelSwaps;
    private transient Counter churnModelsRejected;
    private transient ValueState<Cart> cartState;
    private transient ValueState<PurchaseHistory> purchaseState;
    private transient UsersForgotten forgotten;

    public CustomerLifecycleFunction(AlertSettings settings) {
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
        if (settings.churnModelFile() != null) {
            pollChurnModel(); // the file as it is now: what the job was built with, or a newer one dropped in since
        }
    }

    /**
     * Serves a newer churn model if its file changed, looking at most once per poll interval of processing time.
     * Pending checks keep their instants and are judged by the new parameters when they fire; each customer's
     * next check is recomputed with them at their next event.
     */
    private void followChurnModel(long processingTime) {
        if (settings.churnModelFile() != null && processingTime >= nextModelPoll) {
            nextModelPoll = processingTime + settings.churnModelPollMillis();
            pollChurnModel();
        }
    }

    private void pollChurnModel() {
        String serving = churn.modelVersion();
        try {
            settings.churnModelFile().changed().filter(model -> !model.modelVersion().equals(serving)
                    || !model.parameters().equals(churn.parameters())).ifPresent(model -> {
                churn = churn.withModel(model);
                churnModelSwaps.inc();
                LOG.info("churn alerts now use model {} (was {}) from {}", model.modelVersion(), serving,
                        settings.churnModelFile().file());
            });
        } catch (IOException | RuntimeException e) {
            churnModelsRejected.inc();
            LOG.warn("churn model {} rejected, {} keeps serving: {}", settings.churnModelFile().file(), serving,
                    e.getMessage());
        }
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
        followChurnModel(emittedAt);
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
        followChurnModel(emittedAt);
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
