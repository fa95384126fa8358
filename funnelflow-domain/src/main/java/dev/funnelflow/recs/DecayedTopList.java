package dev.funnelflow.recs;

import dev.funnelflow.profile.ItemRefs;
import java.util.Arrays;

/**
 * A bounded list of items with exponentially time-decayed scores: an item's co-visitation neighbours, or the
 * popular items of a category. Scores halve every {@code halfLife} of event time, so the list follows what
 * people browse now (recency-weighted co-visitation in the spirit of Linden, Smith &amp; York 2003, "Amazon.com
 * recommendations: item-to-item collaborative filtering"). When full, a new item replaces the weakest entry
 * only if it arrives with more weight than that entry has left, which keeps heavy hitters and lets fading
 * entries go (a decayed variant of Metwally et al. 2005, "Space-Saving").
 *
 * <p>Each entry also keeps the category and price its item was last seen with, so that ranking can compute
 * item features for candidates without another lookup.
 *
 * <p>Getters and setters expose the arrays for the job's state serializer; the domain methods are {@link #add} and
 * {@link #top}.
 */
public class DecayedTopList {

    private String[] items = new String[0];
    private float[] scores = new float[0];
    private String[] categories = new String[0];
    private float[] prices = new float[0];
    /** Event time the scores are expressed at. */
    private long referenceTime;

    public DecayedTopList() {}

    /**
     * Adds {@code weight} to item {@code index} of {@code items} at event time {@code time}.
     *
     * @param capacity the most entries kept
     * @param halfLifeMillis how long until a score counts half
     */
    public void add(ItemRefs items, int index, float weight, long time, int capacity, long halfLifeMillis) {
        String item = items.id(index);
        float decayedWeight = weight;
        if (time > referenceTime) {
            rescale(decay(time - referenceTime, halfLifeMillis));
            referenceTime = time;
        } else {
            decayedWeight *= decay(referenceTime - time, halfLifeMillis);
        }
        int entry = indexOf(item);
        if (entry >= 0) {
            scores[entry] += decayedWeight;
        } else if (this.items.length < capacity) {
            entry = this.items.length;
            this.items = Arrays.copyOf(this.items, entry + 1);
            scores = Arrays.copyOf(scores, entry + 1);
            categories = Arrays.copyOf(categories, entry + 1);
            prices = Arrays.copyOf(prices, entry + 1);
            this.items[entry] = item;
            scores[entry] = decayedWeight;
            prices[entry] = Float.NaN;
        } else {
            entry = indexOfWeakest();
            if (entry < 0 || scores[entry] >= decayedWeight) {
                return;
            }
            this.items[entry] = item;
            scores[entry] = decayedWeight;
            categories[entry] = null;
            prices[entry] = Float.NaN;
        }
        if (items.category(index) != null) {
            categories[entry] = items.category(index);
        }
        if (!Float.isNaN(items.price(index))) {
            prices[entry] = items.price(index);
        }
    }

    /** The {@code n} best entries, best first (ties: earlier entry first), with scores decayed to {@code time}. */
    public ScoredItems top(int n, long time, long halfLifeMillis) {
        int count = Math.min(n, items.length);
        float factor = time > referenceTime ? decay(time - referenceTime, halfLifeMillis) : 1f;
        // Lists hold a hundred or more entries and lookups want half of them: sort score-and-position keys.
        long[] order = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            order[i] = (long) sortable(scores[i]) << 32 | (items.length - 1 - i);
        }
        Arrays.sort(order);
        String[] topItems = new String[count];
        String[] topCategories = new String[count];
        float[] topPrices = new float[count];
        float[] topScores = new float[count];
        for (int rank = 0; rank < count; rank++) {
            int best = items.length - 1 - (int) order[order.length - 1 - rank];
            topItems[rank] = items[best];
            topCategories[rank] = categories[best];
            topPrices[rank] = prices[best];
            topScores[rank] = scores[best] * factor;
        }
        return new ScoredItems(new ItemRefs(topItems, topCategories, topPrices), topScores);
    }

    /** An int that orders like the float, negative scores included. */
    private static int sortable(float score) {
        int bits = Float.floatToIntBits(score);
        return bits ^ (bits >> 31 & Integer.MAX_VALUE);
    }

    public int size() {
        return items.length;
    }

    private static float decay(long elapsedMillis, long halfLifeMillis) {
        return (float) Math.pow(0.5, (double) elapsedMillis / halfLifeMillis);
    }

    private void rescale(float factor) {
        for (int i = 0; i < scores.length; i++) {
            scores[i] *= factor;
        }
    }

    private int indexOf(String item) {
        for (int i = 0; i < items.length; i++) {
            if (items[i].equals(item)) {
                return i;
            }
        }
        return -1;
    }

    private int indexOfWeakest() {
        int weakest = -1;
        for (int i = 0; i < scores.length; i++) {
            if (weakest < 0 || scores[i] < scores[weakest]) {
                weakest = i;
            }
        }
        return weakest;
    }

    public String[] getItems() {
        return items;
    }

    public void setItems(String[] items) {
        this.items = items;
    }

    public float[] getScores() {
        return scores;
    }

    public void setScores(float[] scores) {
        this.scores = scores;
    }

    public String[] getCategories() {
        return categories;
    }

    public void setCategories(String[] categories) {
        this.categories = categories;
    }

    public float[] getPrices() {
        return prices;
    }

    public void setPrices(float[] prices) {
        this.prices = prices;
    }

    public long getReferenceTime() {
        return referenceTime;
    }

    public void setReferenceTime(long referenceTime) {
        this.referenceTime = referenceTime;
    }
}
