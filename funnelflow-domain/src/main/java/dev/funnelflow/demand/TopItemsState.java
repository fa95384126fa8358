package dev.funnelflow.demand;

/**
 * What {@link TopItemsTracker} keeps between windows (stored as is in Flink keyed state): the items with the most
 * decayed purchase volume, and which of them currently have a series.
 *
 * @param items item keys, at most {@link TopItemsTracker#CANDIDATES_PER_MEMBER} per top item
 * @param volumes decayed purchase volume of each
 * @param members whether the item is one of the top items, i.e. has its own series
 * @param time event time (epoch ms) the volumes are decayed to
 */
public record TopItemsState(String[] items, double[] volumes, boolean[] members, long time) {

    public static TopItemsState empty() {
        return new TopItemsState(new String[0], new double[0], new boolean[0], Long.MIN_VALUE);
    }
}
