package dev.funnelflow.recs;

import dev.funnelflow.event.EventType;

import dev.funnelflow.profile.ItemRefs;
/**
 * A message to one candidate list (an item's neighbours, a category's or the shop's popular items): learn these
 * co-occurrences, and, when {@code lookupWeight > 0}, send your current top entries to request {@code recId}.
 *
 * @param key the list's key, see {@link CandidateSource#key}
 * @param recId the request to answer, or null when only learning
 * @param interaction the type of the event behind this signal
 * @param coItems items to add to the list, with {@code coWeights}
 */
public record ItemSignal(String key, String recId, float lookupWeight, EventType interaction, ItemRefs coItems,
        float[] coWeights, long eventTime) {

    public boolean isLookup() {
        return lookupWeight > 0;
    }
}
