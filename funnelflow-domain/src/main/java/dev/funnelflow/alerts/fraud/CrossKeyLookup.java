package dev.funnelflow.alerts.fraud;

import dev.funnelflow.event.ClickEvent;

/**
 * A transactional event as the device- and IP-keyed operators see it: what they key on and count by, and what they
 * found. The event itself goes to the user's key directly, in the user's order; this small record follows it there
 * by the longer way and brings the event's sightings.
 *
 * @param deviceId null when the event has none
 * @param ip null when the event has none
 */
public record CrossKeyLookup(String eventId, String userId, long eventTime, String deviceId, String ip,
                             CrossKeySightings sightings) {

    public static CrossKeyLookup of(ClickEvent event) {
        return new CrossKeyLookup(event.eventId(), event.userId(), event.eventTime(),
                event.context() == null ? null : event.context().deviceId(),
                event.context() == null ? null : event.context().ip(), CrossKeySightings.NONE);
    }

    public CrossKeyLookup withSightings(CrossKeySightings found) {
        return new CrossKeyLookup(eventId, userId, eventTime, deviceId, ip, found);
    }
}
