package dev.funnelflow.alerts.churn;

import java.io.Serializable;

/**
 * Population parameters of the BG/NBD model (Fader, Hardie and Lee, "'Counting Your Customers' the Easy Way:
 * An Alternative to the Pareto/NBD Model", Marketing Science 24(2), 2005): while active, a customer buys at
 * rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability p ~ Beta(a, b). α is in
 * the model's time unit (weeks here, as in the paper), so r/α is the mean weekly purchase rate.
 */
public record BgNbdParameters(double r, double alpha, double a, double b) implements Serializable {

    public BgNbdParameters {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite, got r=" + r
                    + ", alpha=" + alpha + ", a=" + a + ", b=" + b);
        }
    }
}
