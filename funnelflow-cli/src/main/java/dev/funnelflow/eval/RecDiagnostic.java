package dev.funnelflow.eval;

/** Counters about the recommendations file, reported after the metrics in this order (as eval_recs.py does). */
public enum RecDiagnostic {
    RECS_READ("recs_read"),
    RECS_BAD_JSON("recs_bad_json"),
    RECS_ANCHORED_BY_TRIGGER("recs_anchored_by_trigger"),
    RECS_ANCHORED_BY_TIME("recs_anchored_by_time"),
    RECS_UNANCHORED("recs_unanchored"),
    RECS_WITHOUT_ITEMS("recs_without_items"),
    LISTS_WITH_DUPLICATES("lists_with_duplicates"),
    LISTS_SHORTER_THAN_K("lists_shorter_than_k"),
    RECS_SESSION_MISMATCH("recs_session_mismatch");

    private final String jsonName;

    RecDiagnostic(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
