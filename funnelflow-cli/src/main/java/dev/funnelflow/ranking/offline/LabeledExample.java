package dev.funnelflow.ranking.offline;

/**
 * One logged feature row with the outcome of one label.
 *
 * @param eventTime when the features were computed (serve time), epoch ms
 * @param features in the feature schema's order
 */
public record LabeledExample(long eventTime, float[] features, boolean positive) {}
