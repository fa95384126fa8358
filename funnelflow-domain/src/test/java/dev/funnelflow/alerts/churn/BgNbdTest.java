package dev.funnelflow.alerts.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The closed forms on hand-computed cases with the CDNOW estimates of Fader, Hardie and Lee (2005): r = 0.243,
 * α = 4.414, a = 0.793, b = 2.426 (weeks). Reference values were computed from the formulas below with
 * independent code (Python, scipy's lgamma and hyp2f1) and agree to the last digits shown.
 */
class BgNbdTest {

    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

    @Test
    void probabilityAliveMatchesTheClosedForm() {
        // x=2, t_x=30.43, T=38.86 (CDNOW customer 1):
        //   odds = a/(b+x-1) · ((α+T)/(α+t_x))^(r+x) = 0.793/3.426 · (43.274/34.844)^2.243 = 0.231465 · 1.625789
        //        = 0.376314;  P(alive) = 1/(1 + 0.376314) = 0.726579
        assertThat(BgNbd.probabilityAlive(CDNOW, new CustomerHistory(2, 30.43, 38.86)))
                .isCloseTo(0.726578570080673, within(1e-12));
        // x=5, t_x=20, T=52: long silence after frequent buying.
        //   odds = 0.793/6.426 · (56.414/24.414)^5.243 = 0.123405 · 80.7478 = 9.96467;  P(alive) = 1/10.96467
        assertThat(BgNbd.probabilityAlive(CDNOW, new CustomerHistory(5, 20, 52)))
                .isCloseTo(0.0912020022240318, within(1e-12));
        // x=1, t_x=2, T=50: odds = 0.793/2.426 · (54.414/6.414)^1.243 = 0.326876 · 14.2635 = 4.66240
        assertThat(BgNbd.probabilityAlive(CDNOW, new CustomerHistory(1, 2, 50)))
                .isCloseTo(0.17660359056920252, within(1e-12));
        // No repeat purchase: drop-out only follows a repeat purchase, so P(alive) = 1.
        assertThat(BgNbd.probabilityAlive(CDNOW, new CustomerHistory(0, 0, 38.86))).isEqualTo(1.0);
    }

    @Test
    void logLikelihoodMatchesTheClosedForm() {
        // x=2, t_x=30.43, T=38.86:
        //   ln A1 = lnΓ(2.243) − lnΓ(0.243) + 0.243·ln 4.414 = 0.120878 − 1.318044 + 0.360802 = −0.836364
        //   ln A2 = lnΓ(3.219) + lnΓ(4.426) − lnΓ(2.426) − lnΓ(5.219)
        //         = 0.904449 + 2.351645 − 0.234008 − 3.513118 = −0.491032
        //   ln A3 = −2.243·ln 43.274 = −8.450619;  ln A4 = ln 0.793 − ln 3.426 − 2.243·ln 34.844 = −9.427951
        //   LL = ln A1 + ln A2 + ln(e^A3 + e^A4) = −0.836364 − 0.491032 − 8.131210 = −9.458606
        assertThat(BgNbdLikelihood.logLikelihood(CDNOW, new CustomerHistory(2, 30.43, 38.86)))
                .isCloseTo(-9.458606307066272, within(1e-9));
        // x=0, T=38.86: LL = ln A1 + ln A2 + ln A3 with x=0: 0.243·ln 4.414 − 0.243·ln 43.274 = −0.554713
        assertThat(BgNbdLikelihood.logLikelihood(CDNOW, new CustomerHistory(0, 0, 38.86)))
                .isCloseTo(-0.5547132764381585, within(1e-12));
        assertThat(BgNbdLikelihood.logLikelihood(CDNOW, new CustomerHistory(5, 20, 52)))
                .isCloseTo(-17.0642515111457, within(1e-9));
        assertThat(BgNbdLikelihood.logLikelihood(CDNOW, new CustomerHistory(1, 2, 50)))
                .isCloseTo(-4.570671752063586, within(1e-9));
    }

    @Test
    void expectedPurchasesMatchThePublishedFigure() {
        // Fader, Hardie and Lee's Excel note: customer 1 (x=2, t_x=30.43, T=38.86) is expected to make 1.226
        // purchases in the next 39 weeks.
        assertThat(BgNbd.expectedPurchases(CDNOW, new CustomerHistory(2, 30.43, 38.86), 39))
                .isCloseTo(1.226028174767135, within(1e-9));
        BgNbdParameters aAboveOne = new BgNbdParameters(0.243, 4.414, 1.5, 2.426);
        assertThat(BgNbd.expectedPurchases(aAboveOne, new CustomerHistory(2, 30.43, 38.86), 39))
                .isCloseTo(0.8775852613070292, within(1e-9));
        assertThat(BgNbd.expectedPurchases(aAboveOne, new CustomerHistory(0, 0, 38.86), 39))
                .isCloseTo(0.18348689297546364, within(1e-9));
    }
}
