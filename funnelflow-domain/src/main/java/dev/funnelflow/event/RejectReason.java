package dev.funnelflow.event;

import java.util.Locale;

/** Machine-readable error codes of the {@code dead-letter} topic. */
public enum RejectReason {
    EMPTY_RECORD,
    OVERSIZE,
    INVALID_UTF8,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    WRONG_TYPE,
    UNKNOWN_TYPE,
    INVALID_VALUE,
    /** An event time outside the contract's years 2000-2099 (a zeroed clock, seconds sent as milliseconds). */
    ABSURD_TIMESTAMP,
    /** An event time further ahead of its record's reference time than the allowed clock skew. */
    FUTURE_EVENT,
    DUPLICATE_EVENT,
    LATE_EVENT,
    INVALID_CONTROL_COMMAND,
    // control commands refused by the control plane's checks (dev.funnelflow.control.ControlGate)
    CONTROL_PLANE_CLOSED,
    UNSIGNED_COMMAND,
    BAD_SIGNATURE,
    REPLAYED_COMMAND,
    COMMAND_FROM_FUTURE,
    MODEL_OUTSIDE_MODELS_DIRS,
    MODEL_HASH_MISMATCH;

    /** The code as written to the dead-letter topic, e.g. {@code malformed_json}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
