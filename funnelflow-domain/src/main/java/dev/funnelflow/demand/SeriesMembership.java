package dev.funnelflow.demand;

/**
 * Whether a series is forecast: the top items' decision on an item's series as the item enters or leaves them.
 *
 * @param tracked true from {@code effectiveTime} on (observations before it are not counted); false: the series ends
 *     at {@code effectiveTime}
 * @param effectiveTime epoch milliseconds, a bucket boundary
 */
public record SeriesMembership(String series, boolean tracked, long effectiveTime) {}
