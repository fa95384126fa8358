package dev.funnelflow.ranking;

/** Exponential decay shared by the streaming aggregates: evidence {@code halfLife} old counts half. */
final class Decay {

    private Decay() {}

    static double factor(long elapsedMillis, long halfLifeMillis) {
        return Math.pow(0.5, (double) elapsedMillis / halfLifeMillis);
    }
}
