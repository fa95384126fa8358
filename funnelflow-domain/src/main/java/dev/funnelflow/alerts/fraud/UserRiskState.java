package dev.funnelflow.alerts.fraud;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;

/**
 * Everything the fraud features need to remember about one user, as small named aggregators. A Flink POJO kept
 * in keyed state; the domain method is {@link #observe}. Create with {@link #create} so capacities follow the
 * settings.
 */
public class UserRiskState {

    private RecentTimes events = new RecentTimes();
    private RecentPurchases purchases = new RecentPurchases();
    private DistinctRecent cards = new DistinctRecent();
    private DistinctRecent devices = new DistinctRecent();
    private AmountHistory amounts = new AmountHistory();
    private Cadence cadence = new Cadence();
    private CountryTrail country = new CountryTrail();
    private SignupClock signup = new SignupClock();

    /** For the state serializers; use {@link #create}. */
    public UserRiskState() {}

    public static UserRiskState create(RiskSettings settings) {
        UserRiskState state = new UserRiskState();
        state.events = new RecentTimes(settings.eventCapacity());
        state.purchases = new RecentPurchases(settings.purchaseCapacity());
        state.cards = new DistinctRecent(settings.distinctCapacity());
        state.devices = new DistinctRecent(settings.distinctCapacity());
        state.cadence = new Cadence(settings.cadenceGaps());
        return state;
    }

    /**
     * Folds the event in and returns the features as of this event (the event itself counted). The returned
     * view reads this state: use it before the next call.
     */
    public RiskFeatures observe(ClickEvent event, CrossKeySightings sightings, RiskSettings settings) {
        long time = event.eventTime();
        double[] atEvent = RiskFeatures.undefined();
        events.add(time);
        cadence.add(time, settings.sessionGapMillis());
        atEvent[Feature.INTERVAL_MEAN_SECONDS.ordinal()] = cadence.meanSeconds(settings.minCadenceGaps());
        atEvent[Feature.INTERVAL_CV.ordinal()] = cadence.coefficientOfVariation(settings.minCadenceGaps());
        if (event.context() != null) {
            devices.add(event.context().deviceId(), time);
            atEvent[Feature.COUNTRY_SWITCH_SECONDS.ordinal()] = country.observe(event.context().country(), time);
        }
        if (event.type() == EventType.SIGNUP) {
            signup.signedUp(time);
        }
        if (event.type() == EventType.PURCHASE) {
            double amount = event.purchaseValue();
            // Against the history before this purchase: the purchase must not dilute its own surprise.
            atEvent[Feature.AMOUNT_ZSCORE.ordinal()] = amounts.zScore(amount, settings.minAmountHistory());
            atEvent[Feature.AMOUNT_RATIO.ordinal()] = amounts.ratioToMean(amount, settings.minAmountHistory());
            atEvent[Feature.SIGNUP_TO_PURCHASE_SECONDS.ordinal()] = signup.purchase(time);
            amounts.add(amount);
            purchases.add(time, amount);
            if (event.payment() != null) {
                cards.add(event.payment().cardFingerprint(), time);
            }
        }
        return new RiskFeatures(this, time, atEvent, sightings, settings.smallPurchaseAmount());
    }

    int eventsSince(long from) {
        return events.countSince(from);
    }

    int purchasesSince(long from, double maxAmount) {
        return purchases.countSince(from, maxAmount);
    }

    int cardsSince(long from) {
        return cards.countSince(from);
    }

    int devicesSince(long from) {
        return devices.countSince(from);
    }

    // Getters and setters for the state serializers (Flink's POJO serializer reads earlier versions' state).

    public RecentTimes getEvents() { return events; }
    public void setEvents(RecentTimes events) { this.events = events; }
    public RecentPurchases getPurchases() { return purchases; }
    public void setPurchases(RecentPurchases purchases) { this.purchases = purchases; }
    public DistinctRecent getCards() { return cards; }
    public void setCards(DistinctRecent cards) { this.cards = cards; }
    public DistinctRecent getDevices() { return devices; }
    public void setDevices(DistinctRecent devices) { this.devices = devices; }
    public AmountHistory getAmounts() { return amounts; }
    public void setAmounts(AmountHistory amounts) { this.amounts = amounts; }
    public Cadence getCadence() { return cadence; }
    public void setCadence(Cadence cadence) { this.cadence = cadence; }
    public CountryTrail getCountry() { return country; }
    public void setCountry(CountryTrail country) { this.country = country; }
    public SignupClock getSignup() { return signup; }
    public void setSignup(SignupClock signup) { this.signup = signup; }
}
