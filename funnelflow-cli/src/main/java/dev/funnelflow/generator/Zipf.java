package dev.funnelflow.generator;

/**
 * Inverse-CDF sampling of Zipf-like ranks: rank {@code r} (0-based) of {@code n} has weight about
 * {@code 1 / (r + 1)^exponent}. Uses the continuous approximation of the CDF, so a draw costs one pow/exp
 * and no table (works for any n without memory).
 */
final class Zipf {

    private Zipf() {
    }

    /** A rank in {@code [0, n)} for a uniform {@code u} in [0, 1). */
    static int rank(double u, int n, double exponent) {
        double x;
        if (Math.abs(exponent - 1.0) < 1e-9) {
            x = Math.exp(u * Math.log(n + 1.0));
        } else {
            double oneMinus = 1.0 - exponent;
            x = Math.pow((Math.pow(n + 1.0, oneMinus) - 1.0) * u + 1.0, 1.0 / oneMinus);
        }
        int rank = (int) x - 1;
        return Math.max(0, Math.min(n - 1, rank));
    }
}
