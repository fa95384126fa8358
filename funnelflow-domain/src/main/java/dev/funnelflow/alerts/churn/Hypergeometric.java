package dev.funnelflow.alerts.churn;

/** Gauss's hypergeometric function ₂F₁ by its power series, for the BG/NBD conditional expectation. */
final class Hypergeometric {

    private static final int MAX_TERMS = 100_000;

    private Hypergeometric() {}

    /**
     * ₂F₁(a, b; c; z) = Σₖ (a)ₖ (b)ₖ / (c)ₖ · zᵏ / k! for 0 <= z < 1, summed until a term no longer changes the
     * sum. In BG/NBD z = t / (α + T + t) < 1; the series converges more slowly as z nears 1 (a long horizon
     * against a short history), hence the generous term limit.
     */
    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            double next = sum + term;
            if (next == sum) {
                return sum;
            }
            sum = next;
        }
        return sum;
    }
}
