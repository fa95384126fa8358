package dev.funnelflow.alerts.fraud;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;

/** A clickstream event on its way to the fraud features, with what the device and IP keys know about it. */
public record RiskEvent(ClickEvent event, CrossKeySightings sightings) {

    public static RiskEvent of(ClickEvent event) {
        return new RiskEvent(event, CrossKeySightings.NONE);
    }

    public String userId() {
        return event.userId();
    }

    /**
     * Carts, purchases, signups and logins: the events money and accounts move on. The anomaly forest scores
     * these, and the users of a device or IP are counted from these; browsing still feeds the user's own
     * features (velocity, cadence).
     */
    public boolean isTransactional() {
        return isTransactional(event.type());
    }

    public static boolean isTransactional(EventType type) {
        return switch (type) {
            case ADD_TO_CART, PURCHASE, SIGNUP, LOGIN -> true;
            default -> false;
        };
    }
}
