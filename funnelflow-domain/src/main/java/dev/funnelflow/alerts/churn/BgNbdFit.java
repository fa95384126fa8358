package dev.funnelflow.alerts.churn;

/**
 * A maximum-likelihood fit.
 *
 * @param logLikelihood total over the customers at the optimum
 * @param evaluations likelihood evaluations the optimiser used
 */
public record BgNbdFit(BgNbdParameters parameters, double logLikelihood, int customers, int evaluations) {}
