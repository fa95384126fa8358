package dev.funnelflow.ranking;

import dev.funnelflow.event.EventType;

/**
 * Streaming conversion statistics of one category: exponentially decayed views (and clicks) and purchases.
 * The rate is smoothed towards a prior (a Beta prior worth {@link #PRIOR_VIEWS} views at {@link #PRIOR_RATE}),
 * so a new category starts at a typical shop's rate instead of 0/0 and one early sale does not make it 100%.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters) so keyed state needs no Kryo.
 */
public class CategoryStats {

    /** Typical share of views that end in a purchase (~2% in the Diginetica and Taobao samples). */
    public static final double PRIOR_RATE = 0.02;
    /** Weight of the prior in views: a category needs this much evidence to move halfway from it. */
    public static final double PRIOR_VIEWS = 50;

    private long referenceTime;
    private double views;
    private double purchases;

    public CategoryStats() {}

    /**
     * Folds one event of an item in this category in.
     *
     * @param count how many events it stands for (1/rate for a sampled event)
     */
    public void observe(EventType type, double count, long time, long halfLifeMillis) {
        boolean view = type == EventType.VIEW || type == EventType.CLICK;
        boolean purchase = type == EventType.PURCHASE;
        if (!view && !purchase) {
            return;
        }
        double weight = count;
        if (time > referenceTime) {
            double factor = Decay.factor(time - referenceTime, halfLifeMillis);
            views *= factor;
            purchases *= factor;
            referenceTime = time;
        } else {
            weight *= Decay.factor(referenceTime - time, halfLifeMillis);
        }
        if (view) {
            views += weight;
        } else {
            purchases += weight;
        }
    }

    /** Smoothed purchases per view as of {@code time}, at most 1. */
    public double conversionRate(long time, long halfLifeMillis) {
        double factor = time > referenceTime ? Decay.factor(time - referenceTime, halfLifeMillis) : 1;
        return priorSmoothed(purchases * factor, views * factor);
    }

    private static double priorSmoothed(double purchases, double views) {
        return Math.min(1, (purchases + PRIOR_RATE * PRIOR_VIEWS) / (views + PRIOR_VIEWS));
    }

    public long getReferenceTime() { return referenceTime; }
    public void setReferenceTime(long referenceTime) { this.referenceTime = referenceTime; }
    public double getViews() { return views; }
    public void setViews(double views) { this.views = views; }
    public double getPurchases() { return purchases; }
    public void setPurchases(double purchases) { this.purchases = purchases; }
}
