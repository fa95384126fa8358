package dev.funnelflow.demand;

/**
 * One contribution to a demand series: {@code quantity} units (or one view) at {@code eventTime} in the series
 * {@code series}, a key such as {@code category:42} or {@code item:7} (the {@code demand-forecasts} topic's key), or
 * the end of a series.
 *
 * <p>Purchased quantities are the series {@code <dimension>:<id>}; views of the same thing are
 * {@code <dimension>:<id>:views}, so that all series of a category or item share its key as prefix.
 *
 * @param eventTime epoch milliseconds
 * @param endsSeries the series ends here (its item left the top items): the forecaster drops it instead of reading
 *     the silence that follows as zero demand; {@code quantity} is 0
 */
public record DemandObservation(String series, long eventTime, double quantity, boolean endsSeries) {

    private static final String VIEWS_SUFFIX = ":views";

    public DemandObservation(String series, long eventTime, double quantity) {
        this(series, eventTime, quantity, false);
    }

    public static DemandObservation end(String series, long eventTime) {
        return new DemandObservation(series, eventTime, 0, true);
    }

    public static String categorySeries(String categoryId) {
        return "category:" + categoryId;
    }

    public static String itemSeries(String itemId) {
        return "item:" + itemId;
    }

    /** The views series beside a purchases series. */
    public static String viewsSeries(String purchasesSeries) {
        return purchasesSeries + VIEWS_SUFFIX;
    }

    public boolean countsViews() {
        return series.endsWith(VIEWS_SUFFIX);
    }
}
