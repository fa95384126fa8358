package dev.funnelflow.event;

/** The {@code payment} object of a purchase. All fields optional; {@code amount} may be null. */
public record Payment(String method, String cardFingerprint, Double amount, String currency) {}
