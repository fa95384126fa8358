package dev.funnelflow.flink;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.profile.ProfileSettings;
import dev.funnelflow.profile.UserProfile;
import java.time.Duration;

/** Flink's serializer contract for a user's profile and session in keyed state. */
class UserProfileSerializerTest extends HandWrittenSerializerTest<UserProfile> {

    UserProfileSerializerTest() {
        super(UserProfileSerializer.INSTANCE, UserProfile.class);
    }

    @Override
    protected UserProfile[] getTestData() {
        UserProfile withoutArrays = new UserProfile();
        withoutArrays.setRecentItems(null);
        withoutArrays.setEventCounts(null);
        withoutArrays.setSessionPrices(null);
        withoutArrays.setAffinityScores(null);
        return new UserProfile[] {new UserProfile(), observed(), withoutArrays};
    }

    /** A user who browsed two items of two categories, carted one and bought it, from two devices. */
    static UserProfile observed() {
        ProfileSettings settings = new ProfileSettings(Duration.ofMinutes(30).toMillis(), 5, 10, 5, 5,
                Duration.ofDays(7).toMillis());
        UserProfile profile = new UserProfile();
        long t = 1_793_577_600_000L;
        profile.observe(event("e1", EventType.VIEW, t, "i1", "c1", "d1"), settings);
        profile.observe(event("e2", EventType.VIEW, t + 60_000, "ï2", "c2", "d1"), settings);
        profile.observe(event("e3", EventType.ADD_TO_CART, t + 90_000, "ï2", "c2", "d2"), settings);
        profile.observe(event("e4", EventType.PURCHASE, t + 120_000, "ï2", "c2", "d2"), settings);
        profile.labelUntil(t + 1_000_000);
        return profile;
    }

    private static ClickEvent event(String id, EventType type, long time, String item, String category,
                                    String device) {
        return new ClickEvent(id, time, "u", "s", type, item, category, 19.5, 1, null, null, null,
                new EventContext(device, "10.0.0.1", "agent", "DE", "web"), null, null);
    }
}
