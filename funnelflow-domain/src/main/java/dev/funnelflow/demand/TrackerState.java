package dev.funnelflow.demand;

/**
 * What an {@link ArimaTracker} keeps between observations, so it can be stored (e.g. in Flink keyed state) and
 * resumed with {@link ArimaTracker#resume}.
 *
 * @param state predicted ARMA state for the next observation
 * @param covariance its covariance in units of σ², row-major
 * @param steady whether the covariance has converged and is frozen
 * @param recent the last {@code d + D·m} observations, newest first, to difference and integrate
 * @param errorMean exponentially weighted mean of standardised one-step errors
 * @param errorSquare exponentially weighted mean of their squares
 * @param observed observations since the model was fitted
 */
public record TrackerState(
        double[] state,
        double[] covariance,
        boolean steady,
        double[] recent,
        double errorMean,
        double errorSquare,
        int observed) {}
