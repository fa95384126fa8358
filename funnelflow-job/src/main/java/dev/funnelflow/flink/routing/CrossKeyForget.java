package dev.funnelflow.flink.routing;

/**
 * Drop a forgotten user from one device's or IP's list of users.
 *
 * @param key the device or IP key, as {@link CrossKeySightingsFunction.CrossKey#keyOf} makes it
 * @param userId the forgotten user (pseudonymised like the state it is removed from)
 * @param cutoff the forget's cut-off: the user's lookups up to this event time were in flight (see
 *     {@link UsersForgotten})
 * @param commandId the {@code forget_user} command, for the log
 */
public record CrossKeyForget(String key, String userId, long cutoff, String commandId) {}
