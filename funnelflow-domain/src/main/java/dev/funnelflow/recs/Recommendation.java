package dev.funnelflow.recs;

/**
 * A list of items for one user, answering one browsing event: the {@code recommendations} topic's payload.
 *
 * @param eventTime event time of the trigger, epoch ms
 * @param emittedAt wall-clock time the list was made, epoch ms
 * @param modelVersion the ranking model that ordered the list, or null when unranked
 */
public record Recommendation(
        String recId,
        String userId,
        String sessionId,
        String triggerEventId,
        long eventTime,
        long emittedAt,
        RecommendedItem[] items,
        String modelVersion) {}
