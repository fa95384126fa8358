package dev.funnelflow.recs;

/**
 * The recommenders whose candidates are blended into one list. Each keeps its knowledge in a
 * {@link DecayedTopList} under its own key namespace, so one item-keyed operator serves them all and no
 * operator ever holds the whole item graph.
 */
public enum CandidateSource {
    /** Items browsed next to the session's recent items (item-to-item co-visitation). */
    COVISITATION("covisitation", "i:"),
    /** What sells in the trigger item's category now: the fallback for items without neighbours. */
    CATEGORY_POPULAR("category-popular", "c:"),
    /** What the whole shop browses now: the fallback when the category is unknown. */
    POPULAR("popular", "g:");

    private final String label;
    private final String keyPrefix;

    CandidateSource(String label, String keyPrefix) {
        this.label = label;
        this.keyPrefix = keyPrefix;
    }

    /** The {@code source} written on each recommended item. */
    public String label() {
        return label;
    }

    /** The state key holding this source's list for {@code id} (an item, a category, or "all"). */
    public String key(String id) {
        return keyPrefix + id;
    }

    public static CandidateSource ofLabel(String label) {
        for (CandidateSource source : values()) {
            if (source.label.equals(label)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown recommender '" + label + "'; known: covisitation, category-popular, popular");
    }

    public static CandidateSource ofKey(String key) {
        for (CandidateSource source : values()) {
            if (key.startsWith(source.keyPrefix)) {
                return source;
            }
        }
        throw new IllegalArgumentException("not a candidate key: " + key);
    }
}
