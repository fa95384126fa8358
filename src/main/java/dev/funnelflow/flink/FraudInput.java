package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.control.ForgetUser;

/**
 * The keyed input of fraud detection: an event with its device and IP sightings, or a forget command for the user.
 * One type, because the operator's second input is taken by the broadcast rule changes.
 *
 * @param event the event, or null for a forget
 * @param forget the command, or null for an event
 */
public record FraudInput(RiskEvent event, ForgetUser forget) {

    public static FraudInput of(RiskEvent event) {
        return new FraudInput(event, null);
    }

    public static FraudInput of(ForgetUser forget) {
        return new FraudInput(null, forget);
    }

    public String userId() {
        return event != null ? event.userId() : forget.userId();
    }
}
