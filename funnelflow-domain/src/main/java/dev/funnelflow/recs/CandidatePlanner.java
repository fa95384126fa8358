package dev.funnelflow.recs;

import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ItemRefs;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one browsing event into the {@link ItemSignal}s that teach the item graph and gather candidates, and picks
 * the events that teach the popularity lists.
 *
 * <p>When item B follows the session's earlier items A1 (most recent) .. Am, B becomes a neighbour of each Ai
 * with weight 1/i and each Ai a neighbour of B with {@code backwardWeight}/i: nearer in the session, stronger
 * evidence (the gap weighting of sequential rules, Ludewig &amp; Jannach 2018). For a recommendation, B's own
 * neighbours weigh 1 and Ai's weigh 1/(i+1), so the list follows the session's current intent but remembers
 * where it came from (V-SKNN's linear decay). Category and shop popularity are asked too, at a small weight, from
 * the subtask that answers for B: every subtask keeps the popularity lists ({@link PopularLists}), so no list is a
 * key that every request has to visit.
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
     * @param item the event's item, with its category and price
     * @param previousItems the session's items before {@code item}, most recent first
     * @param recId the request to gather candidates for, or null to learn only
     */
    public List<ItemSignal> plan(ItemRefs item, EventType type, ItemRefs previousItems, String recId, long time) {
        boolean lookup = recId != null;
        int m = previousItems.size();
        String category = item.category(0);
        boolean asksPopularity = lookup && !settings.popularSources(category).isEmpty();
        List<ItemSignal> signals = new ArrayList<>(m + 1);

        if (settings.uses(CandidateSource.COVISITATION)) {
            float[] backward = new float[m];
            for (int i = 0; i < m; i++) {
                backward[i] = settings.backwardWeight() / (i + 1);
            }
            signals.add(new ItemSignal(CandidateSource.COVISITATION.key(item.id(0)), recId, lookup ? 1f : 0f, type,
                    previousItems, backward, time, asksPopularity, category));
            for (int i = 0; i < m; i++) {
                float lookupWeight = lookup ? 1f / (i + 2) : 0f;
                signals.add(new ItemSignal(CandidateSource.COVISITATION.key(previousItems.id(i)), recId, lookupWeight,
                        type, item, new float[] {1f / (i + 1)}, time, false, null));
            }
        } else if (asksPopularity) {
            // Popularity alone: one signal carries the request to a subtask, chosen by the item like any other.
            signals.add(new ItemSignal(CandidateSource.COVISITATION.key(item.id(0)), recId, 0f, type, ItemRefs.NONE,
                    NO_WEIGHTS, time, true, category));
        }
        return signals;
    }

    /**
     * The event as a popularity sample, or null when it is not in the deterministic sample of events (by id) that
     * update popularity, or no popularity list is in use; a sampled event counts 1/rate.
     */
    public PopularitySample sample(String eventId, ItemRefs item, EventType type, long time) {
        if (settings.popularSources(item.category(0)).isEmpty()
                || !HashSample.contains(eventId, settings.popularitySampleRate())) {
            return null;
        }
        return new PopularitySample(item.id(0), item.category(0), item.price(0), type,
                1f / settings.popularitySampleRate(), time);
    }

    /** How many candidate lists a request planned by {@link #plan} waits for. */
    public int expectedLists(List<ItemSignal> signals) {
        int n = 0;
        for (ItemSignal signal : signals) {
            if (signal.asksList()) {
                n++;
            }
            if (signal.asksPopularity()) {
                n += settings.popularSources(signal.category()).size();
            }
        }
        return n;
    }
}
