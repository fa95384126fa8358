package dev.funnelflow.recs;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;

/**
 * A message to one item's candidate list: learn these co-occurrences, and, when {@code lookupWeight > 0}, send your
 * current top entries to request {@code recId}.
 *
 * @param key the list's key, see {@link CandidateSource#key}
 * @param recId the request to answer, or null when only learning
 * @param interaction the type of the event behind this signal
 * @param coItems items to add to the list, with {@code coWeights}
 * @param asksPopularity whether the request also wants the popularity lists of {@code category}, answered by
 *     whichever subtask receives this signal (set on one signal per request)
 * @param category the trigger item's category for {@code asksPopularity}, or null when unknown
 */
public record ItemSignal(String key, String recId, float lookupWeight, EventType interaction, ItemRefs coItems,
        float[] coWeights, long eventTime, boolean asksPopularity, String category) {

    /** Whether this signal asks for the key's own list. */
    public boolean asksList() {
        return lookupWeight > 0;
    }
}
