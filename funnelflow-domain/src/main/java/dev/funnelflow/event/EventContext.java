package dev.funnelflow.event;

/** Where an event came from: the {@code context} object of a clickstream event. All fields optional. */
public record EventContext(String deviceId, String ip, String userAgent, String country, String channel) {}
