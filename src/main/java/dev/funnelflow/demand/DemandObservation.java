package dev.funnelflow.demand;

/**
 * One contribution to a demand series: {@code quantity} units (or one view) at {@code eventTime} in the series
 * {@code series}, a key such as {@code category:42} or {@code item:7} (the {@code demand-forecasts} topic's key).
 *
 * @param eventTime epoch milliseconds
 */
public record DemandObservation(String series, long eventTime, double quantity) {

    public static String categorySeries(String categoryId) {
        return "category:" + categoryId;
    }

    public static String itemSeries(String itemId) {
        return "item:" + itemId;
    }
}
