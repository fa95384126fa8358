package dev.funnelflow.recs;

/** Items with scores, best first; parallel arrays because these travel between operators on every event. */
public record ScoredItems(String[] items, float[] scores) {

    public static final ScoredItems EMPTY = new ScoredItems(new String[0], new float[0]);

    public int size() {
        return items.length;
    }
}
