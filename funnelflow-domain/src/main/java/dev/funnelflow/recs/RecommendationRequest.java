package dev.funnelflow.recs;

import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;

/**
 * A recommendation waiting for its candidate lists: everything the final list needs besides the candidates.
 *
 * @param expectedLists how many {@link CandidateList}s were asked for; the list is emitted when all arrived
 * @param excludedItems never recommended in this list (the trigger item, recent purchases)
 * @param user the user as the trigger left them, for ranking features
 * @param context the trigger's time, device, channel and category
 * @param organic the viewed item as a candidate no recommender proposed, when this view is sampled as an organic
 *     training example; null otherwise
 */
public record RecommendationRequest(
        String recId,
        String userId,
        String sessionId,
        String triggerEventId,
        int expectedLists,
        String[] excludedItems,
        UserSnapshot user,
        RequestContext context,
        BlendedCandidate organic) {

    /** Event time of the trigger, epoch ms. */
    public long eventTime() {
        return context.eventTime();
    }
}
