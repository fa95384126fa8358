package dev.funnelflow.profile;


/**
 * What one event did to its user's session.
 *
 * @param sessionId the session the event belongs to (the producer's, or a derived {@code ~derived-N})
 * @param previousItems the session's distinct items before this event, most recent first, without the event's own
 * @param excludedItems items never to recommend to this user now (recent purchases)
 */
public record SessionStep(String sessionId, ItemRefs previousItems, String[] excludedItems) {}
