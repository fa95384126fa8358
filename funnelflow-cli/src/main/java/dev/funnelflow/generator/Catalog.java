package dev.funnelflow.generator;

import java.util.SplittableRandom;

/**
 * The synthetic product catalogue: items ranked by popularity, spread over categories, each with a price and
 * a fixed neighbourhood of related items.
 *
 * <p>Calibration (measured on the shared samples, see {@link ClickstreamGenerator}):
 * <ul>
 *   <li>Item popularity is Zipf with exponent 1.0: item index = popularity rank.</li>
 *   <li>Category sizes are Zipf with exponent 1.2, the rank-frequency slope of the Taobao sample's categories.</li>
 *   <li>Prices are log-normal per category: the category's log-median is N(5.15, 0.98) and items scatter
 *       with sigma 0.48 around it (REES46: overall log-price mean 5.15 and sd 1.11; median sd within a
 *       category 0.48, sd of category means 1.12).</li>
 *   <li>Each item has {@value #NEIGHBOURS} "related" items: half are close to it in its category (similar
 *       products, specific to the item), 40% are popular items of its category and 10% popular items of any
 *       category. A browsing session walks along them, which is the co-visitation signal a session-based
 *       recommender learns (Linden, Smith and York 2003); the item-specific half is what popularity alone
 *       cannot predict.</li>
 * </ul>
 * Neighbours are a pure function of (seed, item), so they cost no memory.
 */
final class Catalog {

    static final int NEIGHBOURS = 10;
    static final double ITEM_POPULARITY_EXPONENT = 1.0;
    static final double CATEGORY_SIZE_EXPONENT = 1.2;
    private static final double CATEGORY_LOG_PRICE_MEAN = 5.15;
    private static final double CATEGORY_LOG_PRICE_SD = 0.98;
    private static final double ITEM_LOG_PRICE_SD = 0.48;
    private static final double SIMILAR_NEIGHBOUR_SHARE = 0.5;
    private static final double CATEGORY_NEIGHBOUR_SHARE = 0.9;
    private static final int SIMILAR_DISTANCE = 4;
    private static final long NEIGHBOUR_SALT = 0x6e65696768626f72L;
    private static final long PRICE_SALT = 0x7072696365L;

    private final long seed;
    private final int items;
    private final int[] categoryOfItem;
    /** Items of category c are {@code itemsByCategory[categoryStart[c] .. categoryStart[c + 1])}, most popular first. */
    private final int[] categoryStart;
    private final int[] itemsByCategory;
    private final int[] positionInCategory;
    private final long[] priceCents;

    Catalog(long seed, int items, int categories) {
        this.seed = seed;
        this.items = items;
        SplittableRandom random = new SplittableRandom(Mix.hash(seed, 0x636174616c6f67L, 0));
        categoryOfItem = new int[items];
        int[] categorySizes = new int[categories];
        for (int item = 0; item < items; item++) {
            int category = Zipf.rank(random.nextDouble(), categories, CATEGORY_SIZE_EXPONENT);
            categoryOfItem[item] = category;
            categorySizes[category]++;
        }
        categoryStart = new int[categories + 1];
        for (int c = 0; c < categories; c++) {
            categoryStart[c + 1] = categoryStart[c] + categorySizes[c];
        }
        itemsByCategory = new int[items];
        positionInCategory = new int[items];
        int[] fill = categoryStart.clone();
        for (int item = 0; item < items; item++) { // ascending item = ascending rank: popularity order kept
            int category = categoryOfItem[item];
            positionInCategory[item] = fill[category] - categoryStart[category];
            itemsByCategory[fill[category]++] = item;
        }
        double[] categoryLogMedian = new double[categories];
        for (int c = 0; c < categories; c++) {
            categoryLogMedian[c] = CATEGORY_LOG_PRICE_MEAN + CATEGORY_LOG_PRICE_SD * random.nextGaussian();
        }
        priceCents = new long[items];
        for (int item = 0; item < items; item++) {
            double logPrice = categoryLogMedian[categoryOfItem[item]]
                    + ITEM_LOG_PRICE_SD * Mix.gaussian(Mix.hash(seed, PRICE_SALT, item));
            priceCents[item] = Math.max(1, Math.round(Math.exp(logPrice) * 100));
        }
    }

    int categoryOf(int item) {
        return categoryOfItem[item];
    }

    long priceCents(int item) {
        return priceCents[item];
    }

    /** An item drawn by global popularity. */
    int popularItem(double u) {
        return Zipf.rank(u, items, ITEM_POPULARITY_EXPONENT);
    }

    /** An item of the category drawn by popularity within it. */
    int popularItemIn(int category, double u) {
        int start = categoryStart[category];
        int size = categoryStart[category + 1] - start;
        return itemsByCategory[start + Zipf.rank(u, size, ITEM_POPULARITY_EXPONENT)];
    }

    /** The {@code index}-th related item of {@code item} (0 = most related); not the item itself unless it is alone. */
    int neighbour(int item, int index) {
        long hash = Mix.hash(seed, NEIGHBOUR_SALT, (long) item * NEIGHBOURS + index);
        double kind = Mix.unit(hash);
        double u = Mix.unit(Mix.mix64(hash));
        int category = categoryOfItem[item];
        int start = categoryStart[category];
        int size = categoryStart[category + 1] - start;
        int candidate;
        if (size > 1 && kind < SIMILAR_NEIGHBOUR_SHARE) {
            int distance = 1 + (int) (u * SIMILAR_DISTANCE) % (size - 1);
            int signed = (hash & 1) == 0 ? distance : size - distance;
            candidate = itemsByCategory[start + (positionInCategory[item] + signed) % size];
        } else if (size > 1 && kind < CATEGORY_NEIGHBOUR_SHARE) {
            candidate = popularItemIn(category, u);
        } else {
            candidate = popularItem(u);
        }
        return candidate != item || items == 1 ? candidate : (item + 1 + (int) ((hash >>> 1) % (items - 1))) % items;
    }
}
