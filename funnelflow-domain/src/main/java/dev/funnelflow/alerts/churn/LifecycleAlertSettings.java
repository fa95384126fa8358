package dev.funnelflow.alerts.churn;

import dev.funnelflow.alerts.cart.CartAbandonment;
import java.io.Serializable;
import java.time.Duration;

/**
 * The customer-lifecycle alerts' settings. The churn model is read when the job is built, so a broken one stops the
 * job before it starts.
 *
 * @param churnModelFile the configured churn model file, followed at run time; null for the bundled model
 * @param churnModelPollMillis how often the operator looks for a newer churn model file
 * @param cartStateTtl backstop for a cart whose deadline never fires: {@code funnelflow.user.state-ttl}
 */
public record LifecycleAlertSettings(
        CartAbandonment cartAbandonment,
        ChurnWatch churn,
        ChurnModelFile churnModelFile,
        long churnModelPollMillis,
        Duration cartStateTtl) implements Serializable {}
