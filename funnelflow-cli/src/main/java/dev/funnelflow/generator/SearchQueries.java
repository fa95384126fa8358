package dev.funnelflow.generator;

import java.util.SplittableRandom;

/**
 * Search text for a category: the category's product word with an optional modifier. Some modifiers carry
 * quotes, apostrophes and non-ASCII letters on purpose, so JSON escaping and UTF-8 are exercised.
 */
final class SearchQueries {

    private static final String[] PRODUCTS = {"headphones", "running shoes", "coffee maker", "t-shirt", "backpack",
        "phone case", "desk lamp", "yoga mat", "water bottle", "sunglasses", "office chair", "blender", "novel",
        "board game", "building blocks", "perfume", "face cream", "dog food", "kettle", "monitor", "keyboard",
        "mouse", "jeans", "dress", "sneakers", "watch", "wallet", "suitcase", "tent", "bike helmet", "frying pan",
        "vacuum cleaner", "tablet", "charger", "jacket", "scarf", "candle", "plant pot", "tea", "lipstick"};
    private static final String[] MODIFIERS = {"", "", "", "", "cheap ", "best ", "red ", "wireless ", "kids' ",
        "27\" ", "gift ", "größe M ", "café ", "sale "};

    private SearchQueries() {
    }

    static String queryFor(int category, SplittableRandom random) {
        String product = PRODUCTS[category % PRODUCTS.length];
        return MODIFIERS[random.nextInt(MODIFIERS.length)] + product;
    }
}
