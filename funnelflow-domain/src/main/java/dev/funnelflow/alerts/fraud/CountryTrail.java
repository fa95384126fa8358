package dev.funnelflow.alerts.fraud;

/**
 * The user's current country and when they were last seen there. Events carry a country, not coordinates, so
 * "impossible travel" is judged by time alone: a switch to another country within less time than any trip
 * takes (a rule threshold, e.g. two hours) is suspicious (account takeover, proxies). A Flink POJO.
 */
public class CountryTrail {

    private String country;
    private long lastSeen;

    public CountryTrail() {}

    /**
     * Folds in the event's country; returns the seconds since the user was last seen in a different country
     * when this event switches country, else NaN. Events without a country change nothing.
     */
    public double observe(String eventCountry, long time) {
        if (eventCountry == null) {
            return Double.NaN;
        }
        double switchSeconds = Double.NaN;
        if (country != null && !country.equals(eventCountry)) {
            switchSeconds = Math.max(0, time - lastSeen) / 1000.0;
        }
        if (!eventCountry.equals(country) || time > lastSeen) {
            lastSeen = time;
        }
        country = eventCountry;
        return switchSeconds;
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public long getLastSeen() { return lastSeen; }
    public void setLastSeen(long lastSeen) { this.lastSeen = lastSeen; }
}
