package dev.funnelflow.flink;

import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.alerts.fraud.RiskSettings;
import dev.funnelflow.alerts.fraud.UserRiskState;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Payment;

/** Flink's serializer contract for a user's fraud features in keyed state. */
class UserRiskStateSerializerTest extends HandWrittenSerializerTest<UserRiskState> {

    UserRiskStateSerializerTest() {
        super(UserRiskStateSerializer.INSTANCE, UserRiskState.class);
    }

    @Override
    protected UserRiskState[] getTestData() {
        return new UserRiskState[] {UserRiskState.create(RiskSettings.defaults()), observed(), withoutParts()};
    }

    /** A user who signed up, browsed from two devices and countries and paid with two cards. */
    static UserRiskState observed() {
        RiskSettings settings = RiskSettings.defaults();
        UserRiskState state = UserRiskState.create(settings);
        long t = 1_793_577_600_000L;
        state.observe(event("e1", EventType.SIGNUP, t, "d1", "DE", null), CrossKeySightings.NONE, settings);
        state.observe(event("e2", EventType.VIEW, t + 5_000, "d1", "DE", null), CrossKeySightings.NONE, settings);
        state.observe(event("e3", EventType.PURCHASE, t + 9_000, "d2", "FR", new Payment("card", "c1", 25.0, "EUR")),
                CrossKeySightings.NONE, settings);
        state.observe(event("e4", EventType.PURCHASE, t + 60_000, "d2", "FR", new Payment("card", "c2", 3.5, "EUR")),
                CrossKeySightings.NONE, settings);
        return state;
    }

    /** State written by the POJO serializer may hold null parts. */
    private static UserRiskState withoutParts() {
        UserRiskState state = new UserRiskState();
        state.setEvents(null);
        state.setPurchases(null);
        state.setCards(null);
        state.setAmounts(null);
        state.setCadence(null);
        state.setCountry(null);
        state.setSignup(null);
        return state;
    }

    private static ClickEvent event(String id, EventType type, long time, String device, String country,
                                    Payment payment) {
        return new ClickEvent(id, time, "u", "s", type, type.needsItem() ? "i1" : null, null, 10.0, 1, null, null,
                null, new EventContext(device, "10.0.0.1", "agent", country, "web"), payment, null);
    }
}
