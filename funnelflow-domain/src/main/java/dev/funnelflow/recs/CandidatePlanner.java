package dev.funnelflow.recs;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one browsing event into the {@link ItemSignal}s that teach the item graph and gather candidates.
 *
 * <p>When item B follows the session's earlier items A1 (most recent) .. Am, B becomes a neighbour of each Ai
 * with weight 1/i and each Ai a neighbour of B with {@code backwardWeight}/i: nearer in the session, stronger
 * evidence (the gap weighting of sequential rules, Ludewig &amp; Jannach 2018). For a recommendation, B's own
 * neighbours weigh 1 and Ai's weigh 1/(i+1), so the list follows the session's current intent but remembers
 * where it came from (V-SKNN's linear decay). Category and shop popularity are asked too, at a small weight.
 */
public final class CandidatePlanner {

    /** Key of the shop-wide popularity list. */
    public static final String ALL_ITEMS = CandidateSource.POPULAR.key("all");

    private static final float[] NO_WEIGHTS = new float[0];

    private final RecsSettings settings;

    public CandidatePlanner(RecsSettings settings) {
        this.settings = settings;
    }

    /**
     * @param eventId the event's id: picks the deterministic sample of events that update popularity
     * @param item the event's item, with its category and price
     * @param previousItems the session's items before {@code item}, most recent first
     * @param recId the request to gather candidates for, or null to learn only
     */
    public List<ItemSignal> plan(String eventId, ItemRefs item, EventType type, ItemRefs previousItems, String recId,
            long time) {
        boolean lookup = recId != null;
        int m = previousItems.size();
        String category = item.category(0);
        List<ItemSignal> signals = new ArrayList<>(m + 3);

        if (settings.uses(CandidateSource.COVISITATION)) {
            float[] backward = new float[m];
            for (int i = 0; i < m; i++) {
                backward[i] = settings.backwardWeight() / (i + 1);
            }
            signals.add(new ItemSignal(CandidateSource.COVISITATION.key(item.id(0)), recId, lookup ? 1f : 0f, type,
                    previousItems, backward, time));
            for (int i = 0; i < m; i++) {
                float lookupWeight = lookup ? 1f / (i + 2) : 0f;
                signals.add(new ItemSignal(CandidateSource.COVISITATION.key(previousItems.id(i)), recId, lookupWeight,
                        type, item, new float[] {1f / (i + 1)}, time));
            }
        }
        boolean sampled = HashSample.contains(eventId, settings.popularitySampleRate());
        ItemRefs self = sampled ? item : ItemRefs.NONE;
        float[] one = sampled ? new float[] {1f / settings.popularitySampleRate()} : NO_WEIGHTS;
        if (category != null && settings.uses(CandidateSource.CATEGORY_POPULAR) && (sampled || lookup)) {
            signals.add(new ItemSignal(CandidateSource.CATEGORY_POPULAR.key(category), recId,
                    lookup ? settings.popularityWeight() : 0f, type, self, one, time));
        }
        if (settings.uses(CandidateSource.POPULAR) && (sampled || lookup)) {
            // Shop-wide popularity fills lists only where category and neighbours cannot.
            signals.add(new ItemSignal(ALL_ITEMS, recId, lookup ? settings.popularityWeight() / 10 : 0f, type, self,
                    one, time));
        }
        return signals;
    }

    /** How many candidate lists a request planned by {@link #plan} waits for. */
    public static int lookups(List<ItemSignal> signals) {
        int n = 0;
        for (ItemSignal signal : signals) {
            if (signal.isLookup()) {
                n++;
            }
        }
        return n;
    }
}
