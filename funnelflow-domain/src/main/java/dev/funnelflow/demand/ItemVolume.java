package dev.funnelflow.demand;

/**
 * An item's whole decayed purchase volume after a window in which it sold, as its keyed stage reports it to
 * {@link TopItemsTracker}.
 *
 * @param series the item's purchases series, {@code item:<id>}
 * @param windowEnd end of the window (epoch ms), the time the volume is decayed to
 */
public record ItemVolume(String series, long windowEnd, double volume) {}
