package dev.funnelflow.eval;

/** A session: the user plus the event's session id, or a derived {@code ~derived-<n>} when it has none. */
record SessionKey(String userId, String sessionId) {
}
