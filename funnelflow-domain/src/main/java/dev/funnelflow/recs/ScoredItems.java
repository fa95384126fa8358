package dev.funnelflow.recs;

import dev.funnelflow.profile.ItemRefs;

/** Items with scores, best first. */
public record ScoredItems(ItemRefs items, float[] scores) {

    public static final ScoredItems EMPTY = new ScoredItems(ItemRefs.NONE, new float[0]);

    public int size() {
        return scores.length;
    }
}
