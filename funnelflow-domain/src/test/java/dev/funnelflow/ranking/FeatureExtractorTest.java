package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.DeviceType;
import dev.funnelflow.event.EventContext;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.ProfileSettings;
import dev.funnelflow.profile.UserProfile;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long HALF_LIFE = Duration.ofDays(7).toMillis();
    private static final ProfileSettings SETTINGS = new ProfileSettings(30 * MINUTE, 5, 10, 5, 5, HALF_LIFE);
    /** 2026-01-01T10:00:00Z. */
    private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
    private static final EventContext IPHONE_APP =
            new EventContext("d1", null, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile", "US", "app");

    /** A shopper who bought shoes two days ago and now views a hat, with shoes "c" as the candidate. */
    @Test
    void computesEveryFeatureOfAReturningBuyer() {
        UserProfile profile = new UserProfile();
        profile.observe(event(EventType.VIEW, "a", "shoes", T0, null), SETTINGS);
        profile.observe(event(EventType.ADD_TO_CART, "a", "shoes", T0 + 5 * MINUTE, null), SETTINGS);
        profile.observe(event(EventType.PURCHASE, "a", "shoes", T0 + 10 * MINUTE, 50.0), SETTINGS);
        long previous = profile.getLastSeen();
        ClickEvent trigger = event(EventType.VIEW, "b", "hats", T0 + 48 * HOUR, null);
        profile.observe(trigger, SETTINGS);
        BlendedCandidate shoes = new BlendedCandidate("c", "shoes", 20f, 0.8, CandidateSource.COVISITATION,
                new float[] {0.7f, 0.1f, 0f}, 3);
        FeatureInput input = new FeatureInput(UserSnapshot.of(profile, previous), RequestContext.of(trigger), 0.04, shoes);

        float[] row = FeatureExtractor.extract(input);

        assertThat(row).hasSize(FeatureSchema.CURRENT.size());
        assertFeature(row, Feature.USER_NEW, 0);
        assertFeature(row, Feature.USER_RECENCY, Math.log1p(48 - 10.0 / 60));
        assertFeature(row, Feature.USER_TENURE, Math.log1p(2));
        assertFeature(row, Feature.USER_VIEWS, Math.log1p(2));
        assertFeature(row, Feature.USER_CARTS, Math.log1p(1));
        assertFeature(row, Feature.USER_PURCHASES, Math.log1p(1));
        assertFeature(row, Feature.USER_SPEND, Math.log1p(50));
        assertFeature(row, Feature.USER_CATEGORY_AFFINITY,
                profile.affinity("shoes") / (profile.affinity("shoes") + profile.affinity("hats")));
        assertFeature(row, Feature.USER_BROWSED_ITEM, 0);
        assertFeature(row, Feature.SESSION_DEPTH, Math.log1p(1));
        assertFeature(row, Feature.SESSION_MINUTES, 0);
        assertFeature(row, Feature.DEVICE_MOBILE, 1);
        assertFeature(row, Feature.DEVICE_TABLET, 0);
        assertFeature(row, Feature.DEVICE_DESKTOP, 0);
        assertFeature(row, Feature.ITEM_PRICE, Math.log1p(20));
        assertFeature(row, Feature.ITEM_PRICE_MISSING, 0);
        assertFeature(row, Feature.ITEM_IN_TRIGGER_CATEGORY, 0);
        assertFeature(row, Feature.CATEGORY_CONVERSION, 0.04);
        assertFeature(row, Feature.HOUR_SIN, Math.sin(2 * Math.PI * 10 / 24));
        assertFeature(row, Feature.HOUR_COS, Math.cos(2 * Math.PI * 10 / 24));
        assertFeature(row, Feature.CHANNEL_WEB, 0);
        assertFeature(row, Feature.CHANNEL_MOBILE_WEB, 0);
        assertFeature(row, Feature.CHANNEL_APP, 1);
        assertFeature(row, Feature.CANDIDATE_SCORE, 0.8);
        assertFeature(row, Feature.CANDIDATE_RANK, Math.log1p(3));
        assertFeature(row, Feature.SCORE_COVISITATION, 0.7);
        assertFeature(row, Feature.SCORE_CATEGORY_POPULAR, 0.1);
        assertFeature(row, Feature.SCORE_POPULAR, 0);
        assertFeature(row, Feature.SOURCE_COVISITATION, 1);
        assertFeature(row, Feature.SOURCE_CATEGORY_POPULAR, 0);
        assertFeature(row, Feature.SOURCE_POPULAR, 0);
    }

    @Test
    void aFirstEventWithoutContextAndACandidateWithoutCategoryOrPrice() {
        UserProfile profile = new UserProfile();
        long previous = profile.getLastSeen();
        ClickEvent trigger = new ClickEvent("e", T0, "u", "s", EventType.VIEW, "a", null, null, 1, null, null, null,
                null, null, null);
        profile.observe(trigger, SETTINGS);
        BlendedCandidate unknown = new BlendedCandidate("a", null, Float.NaN, 0, CandidateSource.POPULAR,
                new float[3], 0);
        FeatureInput input = new FeatureInput(UserSnapshot.of(profile, previous), RequestContext.of(trigger),
                CategoryStats.PRIOR_RATE, unknown);

        float[] row = FeatureExtractor.extract(input);

        assertFeature(row, Feature.USER_NEW, 1);
        assertFeature(row, Feature.USER_RECENCY, 0);
        assertFeature(row, Feature.USER_BROWSED_ITEM, 1);
        assertFeature(row, Feature.USER_CATEGORY_AFFINITY, 0);
        assertFeature(row, Feature.ITEM_PRICE, 0);
        assertFeature(row, Feature.ITEM_PRICE_MISSING, 1);
        assertFeature(row, Feature.ITEM_IN_TRIGGER_CATEGORY, 0);
        assertFeature(row, Feature.CATEGORY_CONVERSION, CategoryStats.PRIOR_RATE);
        assertFeature(row, Feature.SOURCE_POPULAR, 1);
        for (Feature zero : new Feature[] {Feature.DEVICE_MOBILE, Feature.DEVICE_TABLET, Feature.DEVICE_DESKTOP,
                Feature.CHANNEL_WEB, Feature.CHANNEL_MOBILE_WEB, Feature.CHANNEL_APP, Feature.SOURCE_COVISITATION,
                Feature.SOURCE_CATEGORY_POPULAR, Feature.CANDIDATE_SCORE, Feature.CANDIDATE_RANK}) {
            assertFeature(row, zero, 0);
        }
    }

    @Test
    void writesRowsSideBySideIntoOneBatchArray() {
        FeatureInput input = new FeatureInput(
                new UserSnapshot(T0, 0, 0, 0, 0, 0, T0, 1, new String[0], new String[0], new double[0]),
                new RequestContext(T0, DeviceType.DESKTOP, "web", "hats"), 0.1,
                new BlendedCandidate("a", "hats", 9.5f, 0.3, CandidateSource.POPULAR, new float[] {0, 0, 0.3f}, 1));
        int size = FeatureSchema.CURRENT.size();
        float[] batch = new float[3 * size];

        FeatureExtractor.extract(input, batch, size);

        assertThat(java.util.Arrays.copyOfRange(batch, size, 2 * size)).containsExactly(FeatureExtractor.extract(input));
        assertThat(java.util.Arrays.copyOfRange(batch, 0, size)).containsOnly(0f);
        assertThat(java.util.Arrays.copyOfRange(batch, 2 * size, 3 * size)).containsOnly(0f);
    }

    @Test
    void devicesFromUserAgents() {
        assertThat(DeviceType.ofUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0"))
                .isEqualTo(DeviceType.DESKTOP);
        assertThat(DeviceType.ofUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15"))
                .isEqualTo(DeviceType.DESKTOP);
        assertThat(DeviceType.ofUserAgent("Mozilla/5.0 (Linux; Android 15; Pixel 8) Chrome/131.0 Mobile Safari/537.36"))
                .isEqualTo(DeviceType.MOBILE);
        assertThat(DeviceType.ofUserAgent("FunnelShop/5.3.1 (iOS 18.1)")).isEqualTo(DeviceType.MOBILE);
        assertThat(DeviceType.ofUserAgent("Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X)")).isEqualTo(DeviceType.TABLET);
        assertThat(DeviceType.ofUserAgent("curl/8.5")).isEqualTo(DeviceType.UNKNOWN);
        assertThat(DeviceType.ofUserAgent(null)).isEqualTo(DeviceType.UNKNOWN);
    }

    private static void assertFeature(float[] row, Feature feature, double expected) {
        assertThat((double) row[feature.ordinal()]).as(feature.featureName()).isCloseTo(expected, within(1e-6));
    }

    private static ClickEvent event(EventType type, String item, String category, long time, Double price) {
        return new ClickEvent("e" + time, time, "u", time < T0 + HOUR ? "s1" : "s2", type, item, category, price, 1,
                null, null, null, IPHONE_APP, null, null);
    }
}
