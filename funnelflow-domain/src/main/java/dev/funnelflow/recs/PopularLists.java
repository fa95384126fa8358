package dev.funnelflow.recs;

import java.util.HashMap;
import java.util.Map;

/**
 * The shop's and every category's popular items, learnt from a sample of events ({@link PopularitySample}). The
 * lists are few and every request asks for two of them, so each subtask that answers requests keeps a whole copy,
 * fed by every sample, instead of one subtask holding each list and answering every request for it.
 */
public final class PopularLists {

    private final RecsSettings settings;
    private final Map<String, DecayedTopList> lists = new HashMap<>();

    public PopularLists(RecsSettings settings) {
        this.settings = settings;
    }

    /** Counts a sampled event in the shop's list and in its category's. */
    public void learn(PopularitySample sample) {
        for (CandidateSource source : settings.popularSources(sample.category())) {
            lists.computeIfAbsent(key(source, sample.category()), key -> new DecayedTopList())
                    .add(sample.item(), 0, sample.weight(), sample.eventTime(), settings.popularCapacity(),
                            settings.halfLifeMillis());
        }
    }

    /** The best {@code k} items of a source's list (the shop's, or {@code category}'s) as of {@code time}. */
    public ScoredItems top(CandidateSource source, String category, long time) {
        DecayedTopList list = lists.get(key(source, category));
        return list == null ? ScoredItems.EMPTY : list.top(settings.k(), time, settings.halfLifeMillis());
    }

    /** Every list by its key ({@link CandidateSource#key}), for checkpoints; live, not a copy. */
    public Map<String, DecayedTopList> byKey() {
        return lists;
    }

    /** The key of a popularity list: {@code g:all} for the shop's, {@code c:<category>} for a category's. */
    public static String key(CandidateSource source, String category) {
        return switch (source) {
            case POPULAR -> CandidatePlanner.ALL_ITEMS;
            case CATEGORY_POPULAR -> source.key(category);
            case COVISITATION -> throw new IllegalArgumentException("not a popularity list: " + source);
        };
    }
}
