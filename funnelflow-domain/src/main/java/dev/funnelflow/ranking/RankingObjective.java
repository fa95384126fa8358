package dev.funnelflow.ranking;

import java.util.Locale;

/**
 * What the final order maximises. Probabilities a model set cannot give (no CVR model, say) count as 1, so a
 * missing model reduces the objective to the part that is known instead of emptying it.
 */
public enum RankingObjective {
    /** P(click): the storefront wants engagement. */
    CLICK,
    /** P(click) · P(convert): the storefront wants sales. */
    CLICK_CONVERT,
    /** P(click) · P(convert) · price: the storefront wants revenue. */
    REVENUE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RankingObjective fromWireName(String name) {
        for (RankingObjective objective : values()) {
            if (objective.wireName().equals(name)) {
                return objective;
            }
        }
        throw new IllegalArgumentException("unknown ranking objective '" + name + "'; known: click, click_convert, revenue");
    }

    /**
     * @param pClick NaN when no CTR model scored it
     * @param pConvert NaN when no CVR model scored it
     * @param price the item's price; for unknown prices the caller passes a neutral stand-in
     */
    public double value(float pClick, float pConvert, double price) {
        double click = Float.isNaN(pClick) ? 1 : pClick;
        double convert = Float.isNaN(pConvert) ? 1 : pConvert;
        return switch (this) {
            case CLICK -> click;
            case CLICK_CONVERT -> click * convert;
            case REVENUE -> click * convert * price;
        };
    }
}
