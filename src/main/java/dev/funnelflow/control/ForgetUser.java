package dev.funnelflow.control;

/** A {@code forget_user}: delete every state the job keeps about {@code userId}. */
public record ForgetUser(String commandId, long issuedAt, String userId) implements ControlCommand {}
