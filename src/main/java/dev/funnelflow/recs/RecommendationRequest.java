package dev.funnelflow.recs;

/**
 * A recommendation waiting for its candidate lists: everything the final list needs besides the candidates.
 *
 * @param expectedLists how many {@link CandidateList}s were asked for; the list is emitted when all arrived
 * @param excludedItems never recommended in this list (the trigger item, recent purchases)
 */
public record RecommendationRequest(
        String recId,
        String userId,
        String sessionId,
        String triggerEventId,
        long eventTime,
        int expectedLists,
        String[] excludedItems) {}
