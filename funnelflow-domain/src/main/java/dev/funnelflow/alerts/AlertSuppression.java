package dev.funnelflow.alerts;

/**
 * At most one alert per user and kind per window, unless severity rises: an analyst who was told "medium"
 * ten minutes ago gains nothing from a second "medium", but must hear about "high". A Flink POJO, kept in keyed
 * state beside the features; the window starts at the last alert that was let through.
 */
public class AlertSuppression {

    private long lastAlertTime = Long.MIN_VALUE;
    private int lastSeverity = -1;

    public AlertSuppression() {}

    /**
     * Whether an alert of {@code severity} at event time {@code time} goes out; if so it is remembered. Event
     * time, not wall clock, so a replay suppresses exactly as the live run did.
     */
    public boolean admit(long time, Severity severity, long windowMillis) {
        boolean withinWindow = lastSeverity >= 0 && time < lastAlertTime + windowMillis;
        if (withinWindow && severity.ordinal() <= lastSeverity) {
            return false;
        }
        lastAlertTime = time;
        lastSeverity = severity.ordinal();
        return true;
    }

    // Getters and setters for Flink's POJO serializer.

    public long getLastAlertTime() { return lastAlertTime; }
    public void setLastAlertTime(long lastAlertTime) { this.lastAlertTime = lastAlertTime; }
    public int getLastSeverity() { return lastSeverity; }
    public void setLastSeverity(int lastSeverity) { this.lastSeverity = lastSeverity; }
}
