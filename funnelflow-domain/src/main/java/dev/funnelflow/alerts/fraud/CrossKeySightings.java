package dev.funnelflow.alerts.fraud;

/**
 * What the device- and IP-keyed operators know about the event's device and IP: when each distinct user of
 * them was last seen (this event's user included). Times rather than counts, so that the user's operator can
 * count over whatever window its rules ask for.
 *
 * @param deviceUserTimes null when the event has no device id
 * @param ipUserTimes null when the event has no IP
 */
public record CrossKeySightings(long[] deviceUserTimes, long[] ipUserTimes) {

    /** Nothing known: both features undefined. */
    public static final CrossKeySightings NONE = new CrossKeySightings(null, null);

    public CrossKeySightings withDeviceUserTimes(long[] times) {
        return new CrossKeySightings(times, ipUserTimes);
    }

    public CrossKeySightings withIpUserTimes(long[] times) {
        return new CrossKeySightings(deviceUserTimes, times);
    }
}
