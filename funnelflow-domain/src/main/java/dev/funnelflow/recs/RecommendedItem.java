package dev.funnelflow.recs;

/**
 * One entry of a recommendation list. {@code pClick} and {@code pConvert} are null until a ranking model
 * scores the list.
 */
public record RecommendedItem(String itemId, double score, Double pClick, Double pConvert, String source) {}
