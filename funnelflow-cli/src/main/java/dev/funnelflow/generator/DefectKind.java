package dev.funnelflow.generator;

/**
 * The ways the generator breaks records on purpose, so that the job's parse, validate and dedup stage and
 * its dead-letter output can be tested. Each defective record has exactly one kind.
 */
public enum DefectKind {
    /** A colon dropped from the JSON text: not parseable. */
    MALFORMED_JSON("malformed_json"),
    /** The JSON text cut off before its end, as by a crashed client. */
    TRUNCATED_JSON("truncated_json"),
    /** Valid JSON without {@code user_id}; the record key is null too. */
    MISSING_USER_ID("missing_user_id"),
    /** {@code "price":"abc"}: a string where the contract wants a number. */
    PRICE_NOT_A_NUMBER("price_not_a_number"),
    /** {@code "quantity":0}: below the contract's minimum of 1. */
    QUANTITY_ZERO("quantity_zero"),
    /** A {@code type} outside the contract's enum, e.g. {@code "wishlist"}. */
    UNKNOWN_TYPE("unknown_type"),
    /** A price below zero. */
    NEGATIVE_PRICE("negative_price"),
    /** An event time in 1970 (seconds sent as milliseconds) or in 2100. */
    ABSURD_TIMESTAMP("absurd_timestamp"),
    /** Bytes that are not valid UTF-8 inside a string value. */
    NON_UTF8("non_utf8"),
    /** A record above 1 MiB (a client attaching a debug dump). */
    OVERSIZE("oversize"),
    /** A {@code view} without {@code item_id}. */
    VIEW_WITHOUT_ITEM("view_without_item"),
    /** A JSON array holding the event instead of the event object itself. */
    JSON_ARRAY("json_array"),
    /** A byte-for-byte re-send of an earlier good record (producer retry): valid, but must be deduplicated. */
    DUPLICATE("duplicate");

    /** Records larger than this are oversize; the job rejects them. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private final String code;

    DefectKind(String code) {
        this.code = code;
    }

    /** Stable snake_case label, as carried in {@link GeneratedRecord#injectedDefect()}. */
    public String code() {
        return code;
    }

    /** The kind with this code. */
    public static DefectKind fromCode(String code) {
        for (DefectKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown defect code: " + code);
    }
}
