package dev.funnelflow.recs;

import dev.funnelflow.profile.ItemRefs;
import java.util.Arrays;

/** Items without category or price, for tests that only care about ids. */
public final class TestItems {

    private TestItems() {}

    public static ItemRefs ids(String... ids) {
        float[] prices = new float[ids.length];
        Arrays.fill(prices, Float.NaN);
        return new ItemRefs(ids, new String[ids.length], prices);
    }
}
