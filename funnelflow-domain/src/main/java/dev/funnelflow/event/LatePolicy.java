package dev.funnelflow.event;

/** How events arriving behind the watermark by more than the allowed lateness are treated. */
public enum LatePolicy {
    /** Use them anyway: profiles and recommendations tolerate lateness. */
    PROCESS,
    /** Route them to the dead-letter topic with error {@code late_event}. */
    DEAD_LETTER
}
