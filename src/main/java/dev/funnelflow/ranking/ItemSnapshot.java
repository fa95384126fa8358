package dev.funnelflow.ranking;

/**
 * What ranking knows about a candidate item, read from its streaming aggregates at the request's event time.
 *
 * @param categoryId null when unknown
 * @param popularity decayed views and clicks ({@link ItemStats#popularity})
 * @param price latest price, NaN when unknown
 * @param categoryConversion smoothed purchases per view of the item's category ({@link CategoryStats})
 */
public record ItemSnapshot(String itemId, String categoryId, double popularity, double price, double categoryConversion) {

    /**
     * @param item the item's aggregate, null when never seen
     * @param category its category's aggregate, null when unknown
     */
    public static ItemSnapshot of(String itemId, String categoryId, ItemStats item, CategoryStats category, long time,
            long halfLifeMillis) {
        return new ItemSnapshot(itemId, categoryId,
                item == null ? 0 : item.popularity(time, halfLifeMillis),
                item == null ? Double.NaN : item.price(),
                category == null ? CategoryStats.PRIOR_RATE : category.conversionRate(time, halfLifeMillis));
    }
}
