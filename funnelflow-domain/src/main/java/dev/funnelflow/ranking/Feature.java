package dev.funnelflow.ranking;

import dev.funnelflow.event.DeviceType;
import dev.funnelflow.recs.CandidateSource;
import java.util.function.ToDoubleFunction;

/**
 * The ranking features, in model-input order: each is named and computed here and nowhere else. Counts are
 * {@code log1p}-scaled so linear models see comparable magnitudes; categorical inputs are one-hot. Item features
 * come with the candidate (its category and price as the candidate lists last saw them, and each recommender's
 * contribution), so scoring needs no lookup beyond the candidate lists themselves.
 *
 * <p>Changing the list changes {@link FeatureSchema#CURRENT}'s hash, so models trained on old vectors are
 * rejected. Changing how an existing feature is computed must bump {@link FeatureSchema#VERSION} for the same
 * reason.
 */
public enum Feature {
    USER_NEW("user_new", in -> in.user().isNew() ? 1 : 0),
    USER_RECENCY("user_recency_log_hours", in -> in.user().isNew() ? 0
            : Math.log1p(hours(in.context().eventTime() - in.user().previousEventTime()))),
    USER_TENURE("user_tenure_log_days", in -> Math.log1p(hours(in.context().eventTime() - in.user().firstSeen()) / 24)),
    USER_VIEWS("user_views_log", in -> Math.log1p(in.user().views())),
    USER_CARTS("user_carts_log", in -> Math.log1p(in.user().carts())),
    USER_PURCHASES("user_purchases_log", in -> Math.log1p(in.user().purchases())),
    USER_SPEND("user_spend_log", in -> Math.log1p(in.user().spend())),
    USER_CATEGORY_AFFINITY("user_category_affinity", in -> in.user().affinityShare(in.candidate().categoryId())),
    USER_BROWSED_ITEM("user_browsed_item", in -> in.user().recentlyBrowsed(in.candidate().itemId()) ? 1 : 0),
    SESSION_DEPTH("session_depth_log", in -> Math.log1p(in.user().sessionEvents())),
    SESSION_MINUTES("session_minutes_log",
            in -> Math.log1p(hours(in.context().eventTime() - in.user().sessionStart()) * 60)),
    DEVICE_MOBILE("device_mobile", in -> in.context().device() == DeviceType.MOBILE ? 1 : 0),
    DEVICE_TABLET("device_tablet", in -> in.context().device() == DeviceType.TABLET ? 1 : 0),
    DEVICE_DESKTOP("device_desktop", in -> in.context().device() == DeviceType.DESKTOP ? 1 : 0),
    ITEM_PRICE("item_price_log", in -> Float.isNaN(in.candidate().price()) ? 0 : Math.log1p(in.candidate().price())),
    ITEM_PRICE_MISSING("item_price_missing", in -> Float.isNaN(in.candidate().price()) ? 1 : 0),
    ITEM_IN_TRIGGER_CATEGORY("item_in_trigger_category", in -> in.candidate().categoryId() != null
            && in.candidate().categoryId().equals(in.context().categoryId()) ? 1 : 0),
    CATEGORY_CONVERSION("trigger_category_conversion_rate", FeatureInput::categoryConversion),
    // Hour of day (UTC) on the unit circle, so 23:00 and 00:00 are neighbours.
    HOUR_SIN("hour_sin", in -> Math.sin(2 * Math.PI * hourOfDay(in.context().eventTime()) / 24)),
    HOUR_COS("hour_cos", in -> Math.cos(2 * Math.PI * hourOfDay(in.context().eventTime()) / 24)),
    CHANNEL_WEB("channel_web", in -> "web".equals(in.context().channel()) ? 1 : 0),
    CHANNEL_MOBILE_WEB("channel_mobile_web", in -> "mobile_web".equals(in.context().channel()) ? 1 : 0),
    CHANNEL_APP("channel_app", in -> "app".equals(in.context().channel()) ? 1 : 0),
    CANDIDATE_SCORE("candidate_score", in -> in.candidate().score()),
    CANDIDATE_RANK("candidate_rank_log", in -> Math.log1p(in.candidate().rank())),
    SCORE_COVISITATION("score_covisitation", in -> in.candidate().sourceScore(CandidateSource.COVISITATION)),
    SCORE_CATEGORY_POPULAR("score_category_popular",
            in -> in.candidate().sourceScore(CandidateSource.CATEGORY_POPULAR)),
    SCORE_POPULAR("score_popular", in -> in.candidate().sourceScore(CandidateSource.POPULAR)),
    SOURCE_COVISITATION("source_covisitation", in -> in.candidate().source() == CandidateSource.COVISITATION ? 1 : 0),
    SOURCE_CATEGORY_POPULAR("source_category_popular",
            in -> in.candidate().source() == CandidateSource.CATEGORY_POPULAR ? 1 : 0),
    SOURCE_POPULAR("source_popular", in -> in.candidate().source() == CandidateSource.POPULAR ? 1 : 0);

    private static final double MILLIS_PER_HOUR = 3_600_000;

    private final String featureName;
    private final ToDoubleFunction<FeatureInput> value;

    Feature(String featureName, ToDoubleFunction<FeatureInput> value) {
        this.featureName = featureName;
        this.value = value;
    }

    /** The name in model cards and {@code training-examples}. */
    public String featureName() {
        return featureName;
    }

    public double compute(FeatureInput input) {
        return value.applyAsDouble(input);
    }

    /** Hours between two event times; never negative, since events may arrive out of order. */
    private static double hours(long elapsedMillis) {
        return Math.max(0, elapsedMillis) / MILLIS_PER_HOUR;
    }

    private static double hourOfDay(long eventTime) {
        return Math.floorMod(eventTime, 24 * 3_600_000L) / MILLIS_PER_HOUR;
    }
}
