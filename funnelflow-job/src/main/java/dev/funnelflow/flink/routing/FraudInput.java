package dev.funnelflow.flink.routing;

import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskEvent;
import dev.funnelflow.control.ForgetUser;

/**
 * The keyed input of fraud detection: an event, a forget command for the user, or the device and IP sightings of one
 * of the user's transactional events. One type, because the operator's second input is taken by the broadcast rule
 * changes. Events and forgets come in the user's order; sightings come by another path and may arrive before or after
 * their event.
 *
 * @param event the event, or null
 * @param awaitsSightings whether the event waits for its {@code sightings} input before fraud detection may use it
 * @param sightings what the device and IP keys found for one event, or null
 * @param forget the command, or null
 * @param forgetCutoff with a forget, its cut-off (see {@link UserInput#forgetCutoff()})
 */
public record FraudInput(RiskEvent event, boolean awaitsSightings, CrossKeyLookup sightings, ForgetUser forget,
                         long forgetCutoff) {

    /** An event whose sightings are known (or not needed). */
    public static FraudInput of(RiskEvent event) {
        return new FraudInput(event, false, null, null, Long.MIN_VALUE);
    }

    public static FraudInput of(ForgetUser forget, long cutoff) {
        return new FraudInput(null, false, null, forget, cutoff);
    }

    public static FraudInput of(CrossKeyLookup sightings) {
        return new FraudInput(null, false, sightings, null, Long.MIN_VALUE);
    }

    /** What user-activity accepted: transactional events go on to count the users of their device and IP too. */
    public static FraudInput inUserOrder(UserInput input) {
        if (input.forget() != null) {
            return of(input.forget(), input.forgetCutoff());
        }
        RiskEvent event = RiskEvent.of(input.event());
        return new FraudInput(event, event.isTransactional(), null, null, Long.MIN_VALUE);
    }

    /** This event, ready for fraud detection with what the device and IP keys found (or nothing, if given up on). */
    public FraudInput withSightings(CrossKeySightings found) {
        return of(new RiskEvent(event.event(), found));
    }

    public String userId() {
        if (event != null) {
            return event.userId();
        }
        return forget != null ? forget.userId() : sightings.userId();
    }
}
