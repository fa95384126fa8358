package dev.funnelflow.profile;

import dev.funnelflow.event.EventType;
import java.util.Arrays;

/**
 * What ranking knows about a user when a list is made: a copy of the profile's counters taken right after the
 * trigger event was folded in, small enough to travel with the request to the operator that scores candidates.
 *
 * @param previousEventTime the user's last event time before the trigger (epoch ms), 0 for a first event
 * @param views views and clicks so far
 * @param sessionEvents events of the current session, the trigger included
 * @param recentItems recently browsed items, most recent first
 * @param affinityCategories categories with decayed affinity, parallel to {@code affinityScores}
 */
public record UserSnapshot(
        long firstSeen,
        long previousEventTime,
        int views,
        int carts,
        int purchases,
        double spend,
        long sessionStart,
        int sessionEvents,
        String[] recentItems,
        String[] affinityCategories,
        double[] affinityScores) {

    /**
     * @param profile the profile after {@link UserProfile#observe} of the trigger event
     * @param previousEventTime {@link UserProfile#getLastSeen()} read before that call
     */
    public static UserSnapshot of(UserProfile profile, long previousEventTime) {
        return new UserSnapshot(profile.getFirstSeen(), previousEventTime,
                profile.count(EventType.VIEW) + profile.count(EventType.CLICK), profile.count(EventType.ADD_TO_CART),
                profile.count(EventType.PURCHASE), profile.getSpend(), profile.getSessionStart(),
                profile.getSessionEvents(), profile.getRecentItems().clone(), profile.getAffinityCategories().clone(),
                // The profile decays its scores in place: copy them.
                Arrays.copyOf(profile.getAffinityScores(), profile.getAffinityScores().length));
    }

    public boolean isNew() {
        return previousEventTime == 0;
    }

    /** This user's affinity to {@code category} as a share of all their affinity: 0..1, 0 when unknown. */
    public double affinityShare(String category) {
        double total = 0;
        double own = 0;
        for (int i = 0; i < affinityCategories.length; i++) {
            total += affinityScores[i];
            if (affinityCategories[i].equals(category)) {
                own = affinityScores[i];
            }
        }
        return total > 0 ? own / total : 0;
    }

    public boolean recentlyBrowsed(String item) {
        for (String recent : recentItems) {
            if (recent.equals(item)) {
                return true;
            }
        }
        return false;
    }
}
