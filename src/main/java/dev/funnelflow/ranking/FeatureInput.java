package dev.funnelflow.ranking;

/** Everything one feature row is computed from: the same four records at serving time and in tests. */
public record FeatureInput(UserSnapshot user, ItemSnapshot item, RequestContext context, CandidateScore candidate) {}
