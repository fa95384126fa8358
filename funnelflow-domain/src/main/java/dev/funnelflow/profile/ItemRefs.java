package dev.funnelflow.profile;

import java.util.Arrays;

/**
 * Items with what the job last saw of them: category and price. Parallel arrays, because these travel between
 * operators on every event and live in every candidate list.
 *
 * @param categories null entries where unknown
 * @param prices NaN where unknown
 */
public record ItemRefs(String[] ids, String[] categories, float[] prices) {

    public static final ItemRefs NONE = new ItemRefs(new String[0], new String[0], new float[0]);

    public static ItemRefs of(String id, String category, Double price) {
        return new ItemRefs(new String[] {id}, new String[] {category},
                new float[] {price == null ? Float.NaN : price.floatValue()});
    }

    public int size() {
        return ids.length;
    }

    public String id(int i) {
        return ids[i];
    }

    public String category(int i) {
        return categories[i];
    }

    public float price(int i) {
        return prices[i];
    }

    public int indexOf(String id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** These items without {@code id}; the same instance when it is absent. */
    public ItemRefs without(String id) {
        int index = id == null ? -1 : indexOf(id);
        return index < 0 ? this : new ItemRefs(remove(ids, index), remove(categories, index), remove(prices, index));
    }

    /**
     * {@code first} (one item) in front of these items without it, cut to {@code capacity}; a category or price
     * it lacks is kept from its earlier entry.
     */
    public ItemRefs pushFront(ItemRefs first, int capacity) {
        int earlier = indexOf(first.id(0));
        ItemRefs rest = earlier < 0 ? this : without(first.id(0));
        int size = Math.min(capacity, rest.size() + 1);
        String[] newIds = new String[size];
        String[] newCategories = new String[size];
        float[] newPrices = new float[size];
        newIds[0] = first.id(0);
        newCategories[0] = first.category(0) != null || earlier < 0 ? first.category(0) : categories[earlier];
        newPrices[0] = !Float.isNaN(first.price(0)) || earlier < 0 ? first.price(0) : prices[earlier];
        System.arraycopy(rest.ids, 0, newIds, 1, size - 1);
        System.arraycopy(rest.categories, 0, newCategories, 1, size - 1);
        System.arraycopy(rest.prices, 0, newPrices, 1, size - 1);
        return new ItemRefs(newIds, newCategories, newPrices);
    }

    private static String[] remove(String[] values, int index) {
        String[] result = new String[values.length - 1];
        System.arraycopy(values, 0, result, 0, index);
        System.arraycopy(values, index + 1, result, index, values.length - index - 1);
        return result;
    }

    private static float[] remove(float[] values, int index) {
        float[] result = new float[values.length - 1];
        System.arraycopy(values, 0, result, 0, index);
        System.arraycopy(values, index + 1, result, index, values.length - index - 1);
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ItemRefs that && Arrays.equals(ids, that.ids)
                && Arrays.equals(categories, that.categories) && Arrays.equals(prices, that.prices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
