package dev.funnelflow.alerts.fraud;

import static dev.funnelflow.alerts.fraud.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.event.EventType;
import org.junit.jupiter.api.Test;

class UserRiskStateTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private final RiskSettings settings = RiskSettings.defaults();
    private final UserRiskState state = UserRiskState.create(settings);

    private RiskFeatures observe(dev.funnelflow.event.ClickEvent event) {
        return state.observe(event, CrossKeySightings.NONE, settings);
    }

    @Test
    void cardTestingShowsAsManySmallPurchasesOnManyCards() {
        RiskFeatures features = null;
        for (int i = 0; i < 4; i++) {
            features = observe(Events.purchase(T0 + i * MINUTE, 1.0, "card-" + i));
        }
        assertThat(features.value(Feature.PURCHASES, HOUR)).isEqualTo(4);
        assertThat(features.value(Feature.SMALL_PURCHASES, HOUR)).isEqualTo(4);
        assertThat(features.value(Feature.SMALL_PURCHASES, 2 * MINUTE)).as("window from the rule").isEqualTo(3);
        assertThat(features.value(Feature.DISTINCT_CARDS, HOUR)).isEqualTo(4);
    }

    @Test
    void amountIsJudgedAgainstEarlierPurchasesOnly() {
        observe(Events.purchase(T0, 20, "c"));
        observe(Events.purchase(T0 + HOUR, 30, "c"));
        RiskFeatures third = observe(Events.purchase(T0 + 2 * HOUR, 40, "c"));
        assertThat(third.value(Feature.AMOUNT_ZSCORE, 0)).as("needs 3 earlier purchases").isNaN();
        RiskFeatures big = observe(Events.purchase(T0 + 3 * HOUR, 80, "c"));
        assertThat(big.value(Feature.AMOUNT_ZSCORE, 0)).isCloseTo(5.0, within(1e-9));
        assertThat(big.value(Feature.AMOUNT_RATIO, 0)).isCloseTo(80 / 30.0, within(1e-9));
        RiskFeatures view = observe(Events.view(T0 + 4 * HOUR));
        assertThat(view.value(Feature.AMOUNT_ZSCORE, 0)).as("undefined on a view").isNaN();
    }

    @Test
    void instantPurchaseAfterSignup() {
        observe(Events.signup(T0));
        RiskFeatures purchase = observe(Events.purchase(T0 + 12_000, 99, "c"));
        assertThat(purchase.value(Feature.SIGNUP_TO_PURCHASE_SECONDS, 0)).isEqualTo(12.0);
    }

    @Test
    void botCadenceAndEventRate() {
        RiskFeatures features = null;
        for (int i = 0; i < 50; i++) {
            features = observe(Events.view(T0 + i * 1_000L));
        }
        assertThat(features.value(Feature.EVENTS, MINUTE)).isEqualTo(50);
        assertThat(features.value(Feature.INTERVAL_MEAN_SECONDS, 0)).isCloseTo(1.0, within(1e-12));
        assertThat(features.value(Feature.INTERVAL_CV, 0)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void accountTakeoverFromANewDeviceInAnotherCountry() {
        observe(Events.from(EventType.LOGIN, T0, "d1", "DE"));
        RiskFeatures takeover = observe(Events.from(EventType.LOGIN, T0 + 20 * MINUTE, "d9", "BR"));
        assertThat(takeover.value(Feature.COUNTRY_SWITCH_SECONDS, 0)).isEqualTo(1200.0);
        assertThat(takeover.value(Feature.DISTINCT_DEVICES, 24 * HOUR)).isEqualTo(2);
    }

    @Test
    void crossKeyCountsComeFromTheSightingsForTheRulesWindow() {
        CrossKeySightings sightings = CrossKeySightings.NONE
                .withDeviceUserTimes(new long[] {T0 - 2 * HOUR, T0 - MINUTE, T0})
                .withIpUserTimes(new long[] {T0});
        RiskFeatures features = state.observe(Events.view(T0), sightings, settings);
        assertThat(features.value(Feature.DEVICE_USERS, 24 * HOUR)).isEqualTo(3);
        assertThat(features.value(Feature.DEVICE_USERS, HOUR)).isEqualTo(2);
        assertThat(features.value(Feature.IP_USERS, HOUR)).isEqualTo(1);
        assertThat(observe(Events.view(T0 + 1)).value(Feature.DEVICE_USERS, HOUR)).as("no device sightings").isNaN();
    }
}
