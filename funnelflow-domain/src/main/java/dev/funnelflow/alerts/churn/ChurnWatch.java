package dev.funnelflow.alerts.churn;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.AlertKind;
import dev.funnelflow.alerts.Reason;
import dev.funnelflow.alerts.Severity;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The churn-risk rule: a regular customer (at least {@code minRepeatPurchases} repeat purchase days) whose BG/NBD
 * P(alive) (Fader, Hardie and Lee 2005) falls below {@code aliveThreshold} is at risk; one alert per lapse, until
 * they buy again. Checks run every {@code checkInterval} after the latest purchase. P(alive) only falls while a
 * customer does not buy, so the first failing check is found in closed form and is the only one scheduled.
 *
 * @param modelVersion the model the parameters come from; it goes on every alert
 * @param horizon how long after the latest purchase a customer is watched (their statistics are kept as long): a
 *     P(alive) that only crosses later is not checked for, e.g. under a fit whose drop-out probability is near 0
 */
public record ChurnWatch(
        BgNbdParameters parameters,
        String modelVersion,
        double aliveThreshold,
        int minRepeatPurchases,
        Duration checkInterval,
        Duration horizon) implements Serializable {

    public ChurnWatch {
        if (!(aliveThreshold > 0 && aliveThreshold < 1)) {
            throw new IllegalArgumentException("P(alive) threshold must be in (0, 1), got " + aliveThreshold);
        }
        if (minRepeatPurchases < 1) {
            // Without a repeat purchase BG/NBD's P(alive) is 1: such customers could never be at risk.
            throw new IllegalArgumentException("min repeat purchases must be >= 1, got " + minRepeatPurchases);
        }
        if (checkInterval.toMillis() <= 0) {
            throw new IllegalArgumentException("churn check interval must be positive, got " + checkInterval);
        }
        if (horizon.compareTo(checkInterval) < 0) {
            throw new IllegalArgumentException("churn horizon must be at least one check interval, got " + horizon);
        }
    }

    /** The same watch with {@code model}'s parameters and version. */
    public ChurnWatch withModel(ChurnModel model) {
        return new ChurnWatch(model.parameters(), model.modelVersion(), aliveThreshold, minRepeatPurchases,
                checkInterval, horizon);
    }

    public double probabilityAlive(PurchaseHistory history, long now) {
        return BgNbd.probabilityAlive(parameters, history.at(now));
    }

    /** Whether {@code history} is a regular customer not yet alerted about since their latest purchase. */
    public boolean watches(PurchaseHistory history) {
        return history.repeatPurchases() >= minRepeatPurchases && !history.alerted();
    }

    /** The churn alert at {@code now}, if the customer is watched and P(alive) has fallen below the threshold. */
    public Optional<Alert> check(String userId, PurchaseHistory history, long now, long emittedAt) {
        if (!watches(history)) {
            return Optional.empty();
        }
        double alive = probabilityAlive(history, now);
        if (!(alive < aliveThreshold)) {
            return Optional.empty();
        }
        int x = history.repeatPurchases();
        Severity severity = x >= 4 * minRepeatPurchases ? Severity.HIGH
                : x >= 2 * minRepeatPurchases ? Severity.MEDIUM : Severity.LOW;
        double days = (now - history.lastPurchaseTime()) / (double) PurchaseLog.DAY_MS;
        double thresholdDays = (crossingTime(history) - history.lastPurchaseTime()) / (double) PurchaseLog.DAY_MS;
        List<Reason> reasons = List.of(
                new Reason("p_alive", String.format(Locale.ROOT, "P(alive) %.4f under %s is below %s", alive,
                        modelVersion, aliveThreshold), alive, aliveThreshold),
                new Reason("days_since_last_purchase", String.format(Locale.ROOT,
                        "%.1f days since the last purchase; for this customer P(alive) falls below %s after %.1f",
                        days, aliveThreshold, thresholdDays), round(days), round(thresholdDays)),
                new Reason("repeat_purchases", String.format(Locale.ROOT,
                        "%d purchase days after the first; customers with at least %d are watched", x,
                        minRepeatPurchases), (double) x, (double) minRepeatPurchases));
        return Optional.of(new Alert(AlertKind.CHURN_RISK.wireName() + "-" + history.lastPurchaseEventId(),
                AlertKind.CHURN_RISK, severity, userId, 1 - alive, reasons, now, emittedAt,
                List.of(history.lastPurchaseEventId()), modelVersion));
    }

    /**
     * The first check after {@code after} (latest purchase + k · interval, k ≥ 1) at which P(alive) is below the
     * threshold, or {@link PurchaseHistory#NO_CHECK} if the customer is not watched or that is beyond the horizon.
     */
    public long nextCheck(PurchaseHistory history, long after) {
        if (!watches(history)) {
            return PurchaseHistory.NO_CHECK;
        }
        double interval = checkInterval.toMillis();
        double sinceLast = Math.max(crossingTime(history), after + 1) - history.lastPurchaseTime();
        double checks = Math.max(1, Math.ceil(sinceLast / interval));
        double time = history.lastPurchaseTime() + checks * interval;
        boolean withinHorizon = time <= history.lastPurchaseTime() + (double) horizon.toMillis();
        return withinHorizon ? (long) time : PurchaseHistory.NO_CHECK;
    }

    /**
     * Epoch ms at which P(alive) reaches the threshold θ, solving for T
     * <pre>
     *   1 / (1 + a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x)) = θ
     * </pre>
     * Never before the latest repeat purchase day.
     */
    double crossingTime(PurchaseHistory history) {
        BgNbdParameters p = parameters;
        CustomerHistory c = history.at(history.lastPurchaseDay());
        int x = c.x();
        double odds = (1 / aliveThreshold - 1) * (p.b() + x - 1) / p.a();
        double t = (p.alpha() + c.tx()) * Math.pow(odds, 1 / (p.r() + x)) - p.alpha();
        return history.firstPurchaseDay() + Math.max(t, c.tx()) * PurchaseHistory.WEEK_MS;
    }

    private static double round(double days) {
        return Math.round(days * 10) / 10.0;
    }
}
