package dev.funnelflow.flink;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;

/**
 * What user-activity passes on per user, after dropping duplicates and late events: an event, or a forget command
 * for the user. One type, so the labeller (whose second input is taken by the served examples) and the
 * customer-lifecycle operator (chained, one input) each receive both.
 *
 * @param event the event, or null for a forget
 * @param forget the command, or null for an event
 */
public record UserInput(ClickEvent event, ForgetUser forget) {

    public static UserInput of(ClickEvent event) {
        return new UserInput(event, null);
    }

    public static UserInput of(ForgetUser forget) {
        return new UserInput(null, forget);
    }

    public String userId() {
        return event != null ? event.userId() : forget.userId();
    }
}
