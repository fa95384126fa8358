package dev.funnelflow.flink;

import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;

/**
 * What reaches the labeller from user-activity: an event that may label the user's logged examples, or a forget
 * command for the user. One type, because the labeller's second input is taken by the served examples.
 *
 * @param event the event, or null for a forget
 * @param forget the command, or null for an event
 */
public record LabellingInput(ClickEvent event, ForgetUser forget) {

    public static LabellingInput of(ClickEvent event) {
        return new LabellingInput(event, null);
    }

    public static LabellingInput of(ForgetUser forget) {
        return new LabellingInput(null, forget);
    }

    public String userId() {
        return event != null ? event.userId() : forget.userId();
    }
}
