package dev.funnelflow.alerts.churn;

/**
 * Closed forms of the BG/NBD model (Fader, Hardie and Lee 2005) that the job evaluates per customer. Plain
 * arithmetic, no special functions: cheap enough for every purchase and timer.
 */
public final class BgNbd {

    private BgNbd() {}

    /**
     * P(alive | x, t_x, T) as derived in the paper:
     * <pre>
     *   1 / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x))
     * </pre>
     * A customer without repeat purchases cannot have dropped out (drop-out happens after a repeat purchase),
     * so their P(alive) is 1.
     */
    public static double probabilityAlive(BgNbdParameters p, CustomerHistory c) {
        if (c.x() == 0) {
            return 1;
        }
        return 1 / (1 + deathOdds(p, c));
    }

    /**
     * Expected purchases in the next {@code t} time units given the history (the paper's conditional expectation):
     * <pre>
     *   (a + b + x − 1) / (a − 1) · [1 − ((α + T) / (α + T + t))^(r + x) · ₂F₁(r + x, b + x; a + b + x − 1; t / (α + T + t))]
     *   / (1 + [x > 0] · a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x))
     * </pre>
     * For {@code a < 1} both factors of the numerator change sign and the result stays valid; at exactly
     * {@code a == 1} the form is 0/0 and the result is undefined.
     */
    public static double expectedPurchases(BgNbdParameters p, CustomerHistory c, double t) {
        double rx = p.r() + c.x();
        double ageTerm = Math.pow((p.alpha() + c.t()) / (p.alpha() + c.t() + t), rx);
        double hyper = Hypergeometric.f21(rx, p.b() + c.x(), p.a() + p.b() + c.x() - 1, t / (p.alpha() + c.t() + t));
        double numerator = (p.a() + p.b() + c.x() - 1) / (p.a() - 1) * (1 - ageTerm * hyper);
        return numerator / (1 + (c.x() > 0 ? deathOdds(p, c) : 0));
    }

    /** a / (b + x − 1) · ((α + T) / (α + t_x))^(r + x): the odds that the customer has dropped out. */
    private static double deathOdds(BgNbdParameters p, CustomerHistory c) {
        return p.a() / (p.b() + c.x() - 1) * Math.pow((p.alpha() + c.t()) / (p.alpha() + c.tx()), p.r() + c.x());
    }
}
