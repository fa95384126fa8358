package dev.funnelflow.recs;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;

/**
 * One event of the deterministic sample that teaches the popularity lists, standing for {@code weight} events
 * (1 / the sample rate).
 *
 * @param category the item's category, or null when unknown
 * @param price the item's price, or NaN when unknown
 */
public record PopularitySample(String itemId, String category, float price, EventType interaction, float weight,
        long eventTime) {

    ItemRefs item() {
        return ItemRefs.of(itemId, category, Float.isNaN(price) ? null : (double) price);
    }
}
