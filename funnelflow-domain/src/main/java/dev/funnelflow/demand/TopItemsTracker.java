package dev.funnelflow.demand;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Decides which items get their own demand series: the {@code n} items with the most purchase volume, decayed with a
 * half-life ({@link DecayedVolume}) so that the set follows what sells now.
 *
 * <p>Each item's volume is kept exactly where the item is keyed, and reported here after every window in which it
 * sold. This side keeps only the {@value #CANDIDATES_PER_MEMBER}·n items with the most volume, and that pool is
 * exact: an item that is not kept had less than the least kept one when it last reported, and both have decayed
 * at the same rate since; when it sells again, it reports its whole volume and enters if that beats the least kept.
 * So the state is bounded by n, not by the catalogue, and no item list needs to be sent anywhere.
 *
 * <p>A member keeps its place until an outsider has {@value #STICKINESS} times its volume: near-ties at the boundary
 * would otherwise start and stop series every window.
 */
public final class TopItemsTracker {

    static final int CANDIDATES_PER_MEMBER = 2;
    static final double STICKINESS = 1.2;

    private final int n;
    private final long halfLifeMillis;

    /**
     * @param n items that get a series
     * @param halfLifeMillis how long until a purchase counts half
     */
    public TopItemsTracker(int n, long halfLifeMillis) {
        if (n < 1 || halfLifeMillis < 1) {
            throw new IllegalArgumentException("invalid top items: n " + n + ", half-life " + halfLifeMillis + " ms");
        }
        this.n = n;
        this.halfLifeMillis = halfLifeMillis;
    }

    /** The state after a window, and the items that entered and left the top {@code n} with it (sorted). */
    public record Update(TopItemsState state, List<String> joined, List<String> left) {}

    /**
     * Takes the volumes reported after one window.
     *
     * @param volumes the whole decayed volume, at {@code time}, of each item that sold in the window
     * @param time end of the window (epoch ms)
     */
    public Update update(TopItemsState state, Map<String, Double> volumes, long time) {
        double factor = state.time() == Long.MIN_VALUE ? 1 : DecayedVolume.decay(time - state.time(), halfLifeMillis);
        int capacity = Math.max(n * CANDIDATES_PER_MEMBER, state.items().length);
        String[] items = Arrays.copyOf(state.items(), capacity);
        double[] kept = Arrays.copyOf(state.volumes(), capacity);
        boolean[] members = Arrays.copyOf(state.members(), capacity);
        int size = state.items().length;
        Map<String, Integer> index = new HashMap<>();
        Set<String> before = new HashSet<>();
        for (int i = 0; i < size; i++) {
            kept[i] *= factor;
            index.put(items[i], i);
            if (members[i]) {
                before.add(items[i]);
            }
        }
        // In item order, so that the outcome does not depend on how the caller's map iterates.
        for (Map.Entry<String, Double> entry : new TreeMap<>(volumes).entrySet()) {
            Integer slot = index.get(entry.getKey());
            if (slot == null) {
                if (size < capacity) {
                    slot = size++;
                } else {
                    slot = least(kept, size);
                    if (kept[slot] >= entry.getValue()) {
                        continue;
                    }
                    index.remove(items[slot]);
                }
                items[slot] = entry.getKey();
                members[slot] = false;
                index.put(entry.getKey(), slot);
            }
            kept[slot] = entry.getValue();
        }
        boolean[] next = rank(items, kept, members, size);
        List<String> joined = new ArrayList<>();
        Set<String> after = new HashSet<>();
        for (int i = 0; i < size; i++) {
            if (next[i]) {
                after.add(items[i]);
                if (!before.contains(items[i])) {
                    joined.add(items[i]);
                }
            }
        }
        List<String> left = before.stream().filter(item -> !after.contains(item)).sorted().toList();
        joined.sort(null);
        TopItemsState updated = new TopItemsState(Arrays.copyOf(items, size), Arrays.copyOf(kept, size), next,
                Math.max(time, state.time()));
        return new Update(updated, List.copyOf(joined), left);
    }

    private boolean[] rank(String[] items, double[] volumes, boolean[] members, int size) {
        double[] keys = new double[size];
        for (int i = 0; i < size; i++) {
            keys[i] = volumes[i] * (members[i] ? STICKINESS : 1);
        }
        boolean[] next = new boolean[size];
        IntStream.range(0, size).boxed()
                .filter(i -> volumes[i] > 0)
                .sorted(Comparator.<Integer>comparingDouble(i -> -keys[i]).thenComparing(i -> items[i]))
                .limit(n)
                .forEach(i -> next[i] = true);
        return next;
    }

    /** Linear: a window brings each item once, and the kept items are a few hundred. */
    private static int least(double[] volumes, int size) {
        int least = 0;
        for (int i = 1; i < size; i++) {
            if (volumes[i] < volumes[least]) {
                least = i;
            }
        }
        return least;
    }
}
