package dev.funnelflow.alerts.fraud;

import dev.funnelflow.event.ClickEvent;

/** A clickstream event on its way to the fraud features, with what the device and IP keys know about it. */
public record RiskEvent(ClickEvent event, CrossKeySightings sightings) {

    public static RiskEvent of(ClickEvent event) {
        return new RiskEvent(event, CrossKeySightings.NONE);
    }

    public String userId() {
        return event.userId();
    }
}
