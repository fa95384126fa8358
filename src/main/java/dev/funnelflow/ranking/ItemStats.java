package dev.funnelflow.ranking;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventType;

/**
 * Streaming statistics of one item for ranking: exponentially decayed browsing popularity (views and clicks) and
 * the latest price seen. Kept in item-keyed state; out-of-order events count with the decay of their age.
 *
 * <p>A Flink POJO (public no-argument constructor, getters and setters) so keyed state needs no Kryo.
 */
public class ItemStats {

    private long referenceTime;
    private double views;
    private double price = Double.NaN;
    private long priceTime;

    public ItemStats() {}

    /** Folds one event about this item in. */
    public void observe(ClickEvent event, long halfLifeMillis) {
        long time = event.eventTime();
        if (event.price() != null && time >= priceTime) {
            price = event.price();
            priceTime = time;
        }
        if (event.type() != EventType.VIEW && event.type() != EventType.CLICK) {
            return;
        }
        if (time > referenceTime) {
            views *= Decay.factor(time - referenceTime, halfLifeMillis);
            referenceTime = time;
            views += 1;
        } else {
            views += Decay.factor(referenceTime - time, halfLifeMillis);
        }
    }

    /** Decayed views and clicks as of {@code time}. */
    public double popularity(long time, long halfLifeMillis) {
        return time > referenceTime ? views * Decay.factor(time - referenceTime, halfLifeMillis) : views;
    }

    /** The latest price seen, NaN when no event carried one. */
    public double price() {
        return price;
    }

    public long getReferenceTime() { return referenceTime; }
    public void setReferenceTime(long referenceTime) { this.referenceTime = referenceTime; }
    public double getViews() { return views; }
    public void setViews(double views) { this.views = views; }
    public double getPrice() { return price; }
    public void setPrice(double price) { this.price = price; }
    public long getPriceTime() { return priceTime; }
    public void setPriceTime(long priceTime) { this.priceTime = priceTime; }
}
