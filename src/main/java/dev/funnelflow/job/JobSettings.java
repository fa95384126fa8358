package dev.funnelflow.job;

import static dev.funnelflow.job.FunnelFlowOptions.*;

import dev.funnelflow.alerts.fraud.FraudRule;
import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.PseudonymSecret;
import dev.funnelflow.job.FunnelFlowOptions.LatePolicy;
import dev.funnelflow.profile.ProfileSettings;
import dev.funnelflow.ranking.LabelWindows;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.RecsSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ReadableConfig;

/** The job's settings, read once from Flink configuration and shipped to the operators. */
public record JobSettings(
        int maxRecordBytes,
        Duration maxClockSkew,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        LatePolicy latePolicy,
        Duration dedupTtl,
        Duration userStateTtl,
        Duration itemStateTtl,
        ProfileSettings profile,
        RecsSettings recs,
        DemandSettings demand,
        FraudSettings fraud,
        AlertSettings alerts,
        RankingSettings ranking,
        PseudonymSecret pseudonymSecret) implements Serializable {

    public static JobSettings from(ReadableConfig config) {
        ProfileSettings profile = new ProfileSettings(
                config.get(SESSION_GAP).toMillis(), config.get(SESSION_ITEMS), 20, 50, 16, Duration.ofDays(7).toMillis());
        RecsSettings recs = new RecsSettings(
                config.get(RECS_K),
                config.get(RECS_NEIGHBOURS),
                config.get(RECS_NEIGHBOURS_RETURNED),
                config.get(RECS_POPULAR_ITEMS),
                config.get(RECS_HALF_LIFE).toMillis(),
                config.get(RECS_BACKWARD_WEIGHT).floatValue(),
                config.get(RECS_POPULARITY_WEIGHT).floatValue(),
                config.get(RECS_SOURCES).stream().map(CandidateSource::ofLabel).collect(Collectors.toSet()),
                config.get(RECS_POPULARITY_SAMPLE_RATE).floatValue(),
                config.get(RECS_POPULARITY_REFRESH).toMillis());
        long maxRecordBytes = config.get(MAX_RECORD_SIZE).getBytes();
        if (maxRecordBytes <= 0 || maxRecordBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(MAX_RECORD_SIZE.key() + " must be between 1 byte and 2 GiB");
        }
        return new JobSettings(
                (int) maxRecordBytes,
                config.get(MAX_CLOCK_SKEW),
                config.get(MAX_OUT_OF_ORDERNESS),
                config.get(IDLENESS),
                config.get(ALLOWED_LATENESS),
                config.get(LATE_POLICY),
                config.get(DEDUP_TTL),
                config.get(USER_STATE_TTL),
                config.get(ITEM_STATE_TTL),
                profile,
                recs,
                DemandSettings.from(config),
                FraudSettings.defaults(),
                AlertSettings.from(config),
                ranking(config),
                pseudonymSecret(config));
    }

    /** Where the pseudonymisation secret is; read once here so that a missing one fails the job at start. */
    private static PseudonymSecret pseudonymSecret(ReadableConfig config) {
        PseudonymSecret secret = new PseudonymSecret(config.get(PrivacyOptions.HMAC_SECRET_ENV),
                config.get(PrivacyOptions.HMAC_SECRET_FILE));
        if (secret.enabled()) {
            secret.read(System.getenv());
        }
        return secret;
    }

    private static RankingSettings ranking(ReadableConfig config) {
        return new RankingSettings(
                config.get(RankingOptions.MODELS_DIR),
                config.get(RankingOptions.CHALLENGER_MODELS_DIR),
                config.get(RankingOptions.CHALLENGER_SHARE),
                config.get(RankingOptions.OBJECTIVE),
                config.get(RankingOptions.CANDIDATES),
                config.get(RankingOptions.BATCH_ROWS),
                config.get(RankingOptions.BATCH_DELAY).toMillis(),
                config.get(RankingOptions.POLL_INTERVAL).toMillis(),
                config.get(RankingOptions.EXECUTION_PROVIDER),
                config.get(RankingOptions.EXAMPLE_SAMPLE_RATE),
                config.get(RankingOptions.ORGANIC_SAMPLE_RATE),
                new LabelWindows(config.get(RankingOptions.CLICK_WINDOW).toMillis(),
                        config.get(RankingOptions.CONVERT_WINDOW).toMillis()));
    }

    /** The shipped rule set ({@code flink-jobs/fraud-rules.json}); {@code control} messages change it at runtime. */
    public List<FraudRule> defaultFraudRules() {
        return new FraudRuleParser(fraud.risk().maxWindowMillis()).defaultRules();
    }

    public EventParser parser() {
        return new EventParser(maxRecordBytes, maxClockSkew);
    }
}
