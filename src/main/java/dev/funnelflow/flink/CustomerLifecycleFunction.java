package dev.funnelflow.flink;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.cart.Cart;
import dev.funnelflow.alerts.cart.CartAbandonment;
import dev.funnelflow.alerts.churn.ChurnWatch;
import dev.funnelflow.alerts.churn.PurchaseHistory;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;
import dev.funnelflow.job.AlertSettings;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user: the customer-lifecycle alerts on event-time timers. {@code cart_abandonment}: while the cart
 * holds items, one timer at the user's last event plus the idle time, moved by every event and deleted when the
 * cart empties; when it fires the alert goes out and the cart state is cleared. {@code churn_risk}: per customer
 * the BG/NBD statistics, checked on each event and on one timer at the first scheduled check that P(alive)
 * fails ({@link ChurnWatch}); at most one alert until the customer buys again.
 *
 * <p>Both kinds share the key's timers, and Flink keeps one timer per key and timestamp: a timer is deleted only
 * if the other kind does not wait on the same instant, and firing checks both.
 *
 * <p>A timer that fires because the input ended (watermark {@code Long.MAX_VALUE}: end of a replay, or stop with
 * drain) raises nothing: nobody knows whether the user came back, and a replay then alerts exactly as the live
 * job would have by the end of its data.
 */
public final class CustomerLifecycleFunction extends KeyedProcessFunction<String, ClickEvent, Alert> {

    /** No timer scheduled; the same sentinel as {@link PurchaseHistory#NO_CHECK}. */
    private static final long NO_TIMER = PurchaseHistory.NO_CHECK;

    private final AlertSettings settings;
    private transient ValueState<Cart> cartState;
    private transient ValueState<PurchaseHistory> purchaseState;

    public CustomerLifecycleFunction(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Cart> cart = new ValueStateDescriptor<>("open-cart", Cart.class);
        cart.enableTimeToLive(StateTtl.afterLastWrite(settings.cartStateTtl()));
        cartState = getRuntimeContext().getState(cart);
        ValueStateDescriptor<PurchaseHistory> purchases =
                new ValueStateDescriptor<>("purchase-history", PurchaseHistory.class);
        purchases.enableTimeToLive(StateTtl.afterLastWrite(settings.churnStateTtl()));
        purchaseState = getRuntimeContext().getState(purchases);
    }

    @Override
    public void processElement(ClickEvent event, Context ctx, Collector<Alert> out) throws Exception {
        TimerService timers = ctx.timerService();
        Cart cart = cartState.value();
        PurchaseHistory history = purchaseState.value();
        long churnCheck = history == null ? NO_TIMER : history.nextCheck();

        // Most events are views of users without a cart: they touch no state.
        if (cart != null || event.type() == EventType.ADD_TO_CART) {
            CartAbandonment rule = settings.cartAbandonment();
            long before = cart == null ? NO_TIMER : rule.deadline(cart);
            Cart after = (cart == null ? Cart.empty() : cart).apply(event);
            if (after.isEmpty()) {
                cartState.clear();
                reschedule(timers, before, NO_TIMER, churnCheck);
            } else {
                cartState.update(after);
                reschedule(timers, before, rule.deadline(after), churnCheck);
            }
        }

        if (event.type() == EventType.PURCHASE) {
            history = history == null ? PurchaseHistory.firstPurchase(event) : history.withPurchase(event);
        } else if (history == null) {
            return;
        }
        ChurnWatch churn = settings.churn();
        Optional<Alert> alert = churn.check(event.userId(), history, event.eventTime(), timers.currentProcessingTime());
        if (alert.isPresent()) {
            out.collect(alert.get());
            history = history.withAlerted();
        }
        long next = churn.nextCheck(history, event.eventTime());
        if (event.type() == EventType.PURCHASE || alert.isPresent() || next != churnCheck) {
            Cart current = cartState.value();
            reschedule(timers, churnCheck, next,
                    current == null ? NO_TIMER : settings.cartAbandonment().deadline(current));
            purchaseState.update(history.withNextCheck(next));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        boolean inputEnded = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        long emittedAt = ctx.timerService().currentProcessingTime();

        Cart cart = cartState.value();
        if (cart != null && settings.cartAbandonment().deadline(cart) == timestamp) {
            if (!inputEnded) {
                out.collect(settings.cartAbandonment().alert(ctx.getCurrentKey(), cart, emittedAt));
            }
            cartState.clear();
        }

        PurchaseHistory history = purchaseState.value();
        if (history == null || history.nextCheck() != timestamp) {
            return;
        }
        if (inputEnded) {
            // The timer is gone: if the job resumes after a drain, the next purchase schedules a new check.
            purchaseState.update(history.withNextCheck(NO_TIMER));
            return;
        }
        ChurnWatch churn = settings.churn();
        Optional<Alert> alert = churn.check(ctx.getCurrentKey(), history, timestamp, emittedAt);
        if (alert.isPresent()) {
            out.collect(alert.get());
            history = history.withAlerted();
        }
        // Without an alert (rounding at the crossing), the next check follows; after one, none is due.
        long next = churn.nextCheck(history, timestamp);
        if (next != NO_TIMER) {
            ctx.timerService().registerEventTimeTimer(next);
        }
        purchaseState.update(history.withNextCheck(next));
    }

    /** Moves a timer from {@code previous} to {@code next}, leaving it if the other alert kind waits on it too. */
    private static void reschedule(TimerService timers, long previous, long next, long otherKind) {
        if (previous == next) {
            return;
        }
        if (previous != NO_TIMER && previous != otherKind) {
            timers.deleteEventTimeTimer(previous);
        }
        if (next != NO_TIMER) {
            timers.registerEventTimeTimer(next);
        }
    }
}
