package dev.funnelflow.flink.routing;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;

/**
 * What user-activity passes on per user, after dropping duplicates and late events: an event, or a forget command
 * for the user. One type, so the labeller (whose second input is taken by the served examples) and the
 * customer-lifecycle operator (chained, one input) each receive both.
 *
 * @param event the event, or null for a forget
 * @param forget the command, or null for an event
 * @param forgetCutoff with a forget: the latest event time user-activity had accepted for the user; what arrives
 *     later for the user stemming from events up to it was in flight (see {@link UsersForgotten})
 */
public record UserInput(ClickEvent event, ForgetUser forget, long forgetCutoff) {

    public static UserInput of(ClickEvent event) {
        return new UserInput(event, null, Long.MIN_VALUE);
    }

    public static UserInput of(ForgetUser forget, long cutoff) {
        return new UserInput(null, forget, cutoff);
    }

    public String userId() {
        return event != null ? event.userId() : forget.userId();
    }
}
