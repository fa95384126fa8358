package dev.funnelflow.alerts.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class BgNbdFitterTest {

    /**
     * Simulates the BG/NBD story (Fader, Hardie and Lee 2005, section 2): each customer buys at rate
     * λ ~ Gamma(r, α) while active and drops out after each repeat purchase with probability p ~ Beta(a, b);
     * observed for T weeks after the first purchase.
     */
    static List<CustomerHistory> simulate(BgNbdParameters truth, int customers, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(seed);
        List<CustomerHistory> histories = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            double lambda = random.nextGamma(truth.r(), 1 / truth.alpha());
            double p = random.nextBeta(truth.a(), truth.b());
            double age = 26 + random.nextInt(0, 52); // cohorts joining over a year, observed 26..78 weeks
            int x = 0;
            double time = 0;
            double last = 0;
            while (true) {
                time += random.nextExponential(1 / lambda);
                if (time > age) {
                    break;
                }
                x++;
                last = time;
                if (random.nextDouble() < p) {
                    break;
                }
            }
            histories.add(new CustomerHistory(x, last, age));
        }
        return histories;
    }

    @Test
    void recoversTheParametersOfASimulatedPopulation() {
        BgNbdParameters truth = new BgNbdParameters(0.8, 6.0, 0.6, 2.5);
        List<CustomerHistory> customers = simulate(truth, 5_000, 42);

        BgNbdFit fit = new BgNbdFitter().fit(customers);

        BgNbdParameters p = fit.parameters();
        // 5,000 customers fit to about r=0.77, α=5.8, a=0.61, b=2.7: within a few standard errors of the truth.
        assertThat(p.r()).isCloseTo(truth.r(), within(0.1 * truth.r()));
        assertThat(p.alpha()).isCloseTo(truth.alpha(), within(0.1 * truth.alpha()));
        assertThat(p.a()).isCloseTo(truth.a(), within(0.1 * truth.a()));
        assertThat(p.b()).isCloseTo(truth.b(), within(0.15 * truth.b()));
        assertThat(fit.logLikelihood())
                .isGreaterThanOrEqualTo(BgNbdFitter.totalLogLikelihood(truth, customers))
                .isCloseTo(BgNbdFitter.totalLogLikelihood(p, customers), within(1e-6));
        assertThat(fit.customers()).isEqualTo(5_000);
    }
}
