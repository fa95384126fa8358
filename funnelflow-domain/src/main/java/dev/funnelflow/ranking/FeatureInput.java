package dev.funnelflow.ranking;

import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.recs.BlendedCandidate;

/**
 * Everything one feature row is computed from, the same at serving time and in tests.
 *
 * @param categoryConversion the trigger category's smoothed conversion rate
 */
public record FeatureInput(UserSnapshot user, RequestContext context, double categoryConversion,
        BlendedCandidate candidate) {}
