package dev.funnelflow.profile;

import java.io.Serializable;

/**
 * How much per-user history is kept and how sessions are cut.
 *
 * @param sessionGapMillis inactivity that ends a session when the producer sends no {@code session_id}
 * @param sessionItems distinct recent items of the session kept for recommendations
 * @param recentItems distinct recent items kept across sessions
 * @param purchasedItems recently purchased items kept (never recommended again)
 * @param affinityCategories categories whose decayed affinity is kept
 * @param affinityHalfLifeMillis how fast category affinity fades
 */
public record ProfileSettings(
        long sessionGapMillis,
        int sessionItems,
        int recentItems,
        int purchasedItems,
        int affinityCategories,
        long affinityHalfLifeMillis) implements Serializable {

    public ProfileSettings {
        if (sessionGapMillis <= 0 || sessionItems < 1 || recentItems < 1 || purchasedItems < 0
                || affinityCategories < 0 || affinityHalfLifeMillis <= 0) {
            throw new IllegalArgumentException("invalid profile settings: " + this);
        }
    }
}
