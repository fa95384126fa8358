package dev.funnelflow.flink;

/**
 * Drop a forgotten user from one device's or IP's list of users.
 *
 * @param key the device or IP key, as {@link CrossKeySightingsFunction.CrossKey#keyOf} makes it
 * @param userId the forgotten user (pseudonymised like the state it is removed from)
 * @param commandId the {@code forget_user} command, for the log
 */
public record CrossKeyForget(String key, String userId, String commandId) {}
