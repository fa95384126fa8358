package dev.funnelflow.recs;

import java.util.Arrays;

/**
 * A bounded list of items with exponentially time-decayed scores: an item's co-visitation neighbours, or the
 * popular items of a category. Scores halve every {@code halfLife} of event time, so the list follows what
 * people browse now (recency-weighted co-visitation in the spirit of Linden, Smith &amp; York 2003, "Amazon.com
 * recommendations: item-to-item collaborative filtering"). When full, a new item replaces the weakest entry
 * only if it arrives with more weight than that entry has left, which keeps heavy hitters and lets fading
 * entries go (a decayed variant of Metwally et al. 2005, "Space-Saving").
 *
 * <p>A Flink POJO (no-arg constructor, getters and setters) so that it is stored in keyed state with Flink's own
 * serializer; the domain methods are {@link #add} and {@link #top}.
 */
public class DecayedTopList {

    private String[] items = new String[0];
    private float[] scores = new float[0];
    /** Event time the scores are expressed at. */
    private long referenceTime;

    public DecayedTopList() {}

    /**
     * Adds {@code weight} to {@code item} at event time {@code time}.
     *
     * @param capacity the most entries kept
     * @param halfLifeMillis how long until a score counts half
     */
    public void add(String item, float weight, long time, int capacity, long halfLifeMillis) {
        float decayedWeight = weight;
        if (time > referenceTime) {
            rescale(decay(time - referenceTime, halfLifeMillis));
            referenceTime = time;
        } else {
            decayedWeight *= decay(referenceTime - time, halfLifeMillis);
        }
        int index = indexOf(item);
        if (index >= 0) {
            scores[index] += decayedWeight;
        } else if (items.length < capacity) {
            items = Arrays.copyOf(items, items.length + 1);
            scores = Arrays.copyOf(scores, scores.length + 1);
            items[items.length - 1] = item;
            scores[scores.length - 1] = decayedWeight;
        } else {
            int weakest = indexOfWeakest();
            if (weakest >= 0 && scores[weakest] < decayedWeight) {
                items[weakest] = item;
                scores[weakest] = decayedWeight;
            }
        }
    }

    /** The {@code n} best entries, best first, with scores decayed to {@code time}. */
    public ScoredItems top(int n, long time, long halfLifeMillis) {
        Integer[] order = new Integer[items.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        int count = Math.min(n, order.length);
        float factor = time > referenceTime ? decay(time - referenceTime, halfLifeMillis) : 1f;
        String[] topItems = new String[count];
        float[] topScores = new float[count];
        for (int i = 0; i < count; i++) {
            topItems[i] = items[order[i]];
            topScores[i] = scores[order[i]] * factor;
        }
        return new ScoredItems(topItems, topScores);
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

    public long getReferenceTime() {
        return referenceTime;
    }

    public void setReferenceTime(long referenceTime) {
        this.referenceTime = referenceTime;
    }
}
