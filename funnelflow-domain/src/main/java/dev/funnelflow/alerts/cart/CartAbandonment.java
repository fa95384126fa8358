package dev.funnelflow.alerts.cart;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The cart-abandonment rule: items still in the cart {@code idle} after the user's last event were left behind.
 * Severity and score follow the money at stake: the score is {@code value / (value + mediumValue)}, 0.5 at the
 * medium value and rising towards 1 (no labelled abandonments exist to calibrate a likelihood on).
 *
 * @param idle inactivity after the last event that makes an open cart abandoned
 * @param mediumValue cart value from which an abandonment is medium severity
 * @param highValue cart value from which it is high severity
 */
public record CartAbandonment(Duration idle, double mediumValue, double highValue) implements Serializable {

    public CartAbandonment {
        if (idle.toMillis() <= 0) {
            throw new IllegalArgumentException("cart abandonment idle time must be positive, got " + idle);
        }
        if (!(mediumValue > 0 && highValue >= mediumValue) || !Double.isFinite(highValue)) {
            throw new IllegalArgumentException("need 0 < medium value <= high value, got " + mediumValue + " and "
                    + highValue);
        }
    }

    /** When the cart counts as abandoned if nothing else happens. */
    public long deadline(Cart cart) {
        return cart.lastEventTime() + idle.toMillis();
    }

    /** The alert for {@code cart}, abandoned at its deadline. */
    public Alert alert(String userId, Cart cart, long emittedAt) {
        double value = cart.value();
        Severity severity = value >= highValue ? Severity.HIGH : value >= mediumValue ? Severity.MEDIUM : Severity.LOW;
        double idleMinutes = idle.toMillis() / 60_000.0;
        List<Reason> reasons = List.of(
                new Reason("cart_idle_minutes", String.format(Locale.ROOT,
                        "No event for %s min after the last one while the cart held %s", number(idleMinutes),
                        count(cart.units(), "unit")), idleMinutes, idleMinutes),
                new Reason("cart_value", String.format(Locale.ROOT,
                        "Cart worth %.2f left unbought (medium from %s, high from %s)", value, number(mediumValue),
                        number(highValue)), value, severity == Severity.HIGH ? highValue : mediumValue),
                new Reason("cart_items", count(cart.lines().length, "distinct item") + " left in the cart",
                        (double) cart.lines().length, null));
        return new Alert(AlertKind.CART_ABANDONMENT.wireName() + "-" + cart.lastEventId(), AlertKind.CART_ABANDONMENT,
                severity, userId, value / (value + mediumValue), reasons, deadline(cart), emittedAt,
                cart.evidenceEventIds(), null);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
