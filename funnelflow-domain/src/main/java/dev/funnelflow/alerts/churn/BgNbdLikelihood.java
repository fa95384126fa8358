package dev.funnelflow.alerts.churn;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD log-likelihood of one customer (Fader, Hardie and Lee 2005), in the log form of
 * their note "Implementing the BG/NBD Model for Customer Base Analysis in Excel" (2005):
 * <pre>
 *   ln A₁ = ln Γ(r + x) − ln Γ(r) + r ln α
 *   ln A₂ = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x)
 *   ln A₃ = −(r + x) ln(α + T)
 *   ln A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + t_x)          (x > 0 only)
 *   LL    = ln A₁ + ln A₂ + ln(e^(ln A₃) + [x > 0] e^(ln A₄))
 * </pre>
 * Used to fit the parameters, so it lives apart from {@link BgNbd}, which the job evaluates without special
 * functions.
 */
public final class BgNbdLikelihood {

    private BgNbdLikelihood() {}

    public static double logLikelihood(BgNbdParameters p, CustomerHistory c) {
        return logLikelihood(p.r(), p.alpha(), p.a(), p.b(), c.x(), c.tx(), c.t());
    }

    static double logLikelihood(double r, double alpha, double a, double b, int x, double tx, double t) {
        return lnA1A2(r, alpha, a, b, x) + lnTimeTerms(r, alpha, a, b, x, tx, t);
    }

    /** ln A₁ + ln A₂: the part that depends on x alone, so a fit computes it once per distinct x. */
    static double lnA1A2(double r, double alpha, double a, double b, int x) {
        double lnA1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double lnA2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        return lnA1 + lnA2;
    }

    /** ln(e^(ln A₃) + [x > 0] e^(ln A₄)). */
    static double lnTimeTerms(double r, double alpha, double a, double b, int x, double tx, double t) {
        double lnA3 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return lnA3;
        }
        double lnA4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        // log(e^u + e^v) without underflow
        double max = Math.max(lnA3, lnA4);
        return max + Math.log(Math.exp(lnA3 - max) + Math.exp(lnA4 - max));
    }
}
