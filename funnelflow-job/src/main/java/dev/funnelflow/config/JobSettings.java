package dev.funnelflow.config;

import static dev.funnelflow.config.FunnelFlowOptions.*;

import dev.funnelflow.alerts.cart.CartAbandonment;
import dev.funnelflow.alerts.churn.ChurnModel;
import dev.funnelflow.alerts.churn.ChurnModelFile;
import dev.funnelflow.alerts.churn.ChurnWatch;
import dev.funnelflow.alerts.churn.LifecycleAlertSettings;
import dev.funnelflow.alerts.fraud.FraudRule;
import dev.funnelflow.alerts.fraud.FraudRuleParser;
import dev.funnelflow.alerts.fraud.FraudSettings;
import dev.funnelflow.alerts.fraud.InvalidRuleException;
import dev.funnelflow.alerts.fraud.RiskSettings;
import dev.funnelflow.control.ControlSecret;
import dev.funnelflow.control.ControlSettings;
import dev.funnelflow.demand.DemandSettings;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.LatePolicy;
import dev.funnelflow.event.PseudonymSecret;
import dev.funnelflow.profile.ProfileSettings;
import dev.funnelflow.ranking.LabelWindows;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.RecsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * The job's settings, read once from Flink configuration and shipped to the operators.
 *
 * @param defaultFraudRules the fraud rules before any {@code control} command: {@code funnelflow.fraud.rules} or
 *     the bundled {@code flink-jobs/fraud-rules.json}
 */
public record JobSettings(
        int maxRecordBytes,
        Duration maxClockSkew,
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        LatePolicy latePolicy,
        Duration dedupTtl,
        Duration userStateTtl,
        int profileCache,
        Duration itemStateTtl,
        int itemListCache,
        ProfileSettings profile,
        RecsSettings recs,
        DemandSettings demand,
        FraudSettings fraud,
        List<FraudRule> defaultFraudRules,
        int fraudRiskCache,
        LifecycleAlertSettings alerts,
        RankingSettings ranking,
        PseudonymSecret pseudonymSecret,
        Duration forgetHorizon,
        ControlSettings control) implements Serializable {

    public static JobSettings from(ReadableConfig config) {
        KnownOptions.requireKnown(config);
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
        Duration maxClockSkew = config.get(MAX_CLOCK_SKEW);
        require(!maxClockSkew.isNegative(), MAX_CLOCK_SKEW, maxClockSkew, "must not be negative");
        // An event accepted this far ahead moves the watermark as far: events on time by the wall clock must not
        // become late because of it.
        require(maxClockSkew.compareTo(config.get(ALLOWED_LATENESS)) <= 0, MAX_CLOCK_SKEW, maxClockSkew,
                "must not exceed " + ALLOWED_LATENESS.key() + " (" + config.get(ALLOWED_LATENESS) + ")");
        FraudSettings fraud = fraud(config);
        return new JobSettings(
                (int) maxRecordBytes,
                maxClockSkew,
                config.get(MAX_OUT_OF_ORDERNESS),
                config.get(IDLENESS),
                config.get(ALLOWED_LATENESS),
                config.get(LATE_POLICY),
                config.get(DEDUP_TTL),
                config.get(USER_STATE_TTL),
                profileCache(config),
                config.get(ITEM_STATE_TTL),
                itemListCache(config),
                profile,
                recs,
                demand(config),
                fraud,
                fraudRules(config, fraud),
                fraudRiskCache(config),
                alerts(config),
                ranking(config),
                pseudonymSecret(config),
                forgetHorizon(config),
                control(config));
    }

    /** The churn model is read here, when the job is built, so a broken one stops the job before it starts. */
    private static LifecycleAlertSettings alerts(ReadableConfig config) {
        ChurnModelFile modelFile = config.getOptional(AlertOptions.CHURN_MODEL).map(ChurnModelFile::new).orElse(null);
        ChurnModel model;
        try {
            model = modelFile == null ? ChurnModel.bundled() : modelFile.read();
        } catch (IOException e) {
            throw new UncheckedIOException(AlertOptions.CHURN_MODEL.key() + ": cannot read churn model "
                    + modelFile.file() + ": " + e.getMessage(), e);
        }
        return new LifecycleAlertSettings(
                new CartAbandonment(config.get(AlertOptions.CART_IDLE), config.get(AlertOptions.CART_MEDIUM_VALUE),
                        config.get(AlertOptions.CART_HIGH_VALUE)),
                new ChurnWatch(model.parameters(), model.modelVersion(),
                        config.get(AlertOptions.CHURN_ALIVE_THRESHOLD),
                        config.get(AlertOptions.CHURN_MIN_REPEAT_PURCHASES),
                        config.get(AlertOptions.CHURN_CHECK_INTERVAL), config.get(AlertOptions.CHURN_HORIZON)),
                modelFile,
                config.get(AlertOptions.CHURN_MODEL_POLL_INTERVAL).toMillis(),
                config.get(USER_STATE_TTL));
    }

    private static DemandSettings demand(ReadableConfig config) {
        Duration window = config.get(DemandOptions.WINDOW);
        require(window.toMillis() >= 1000 && window.toMillis() % 1000 == 0, DemandOptions.WINDOW, window,
                "must be whole seconds");
        int season = config.get(DemandOptions.SEASON);
        require(season >= 0, DemandOptions.SEASON, season, "must be >= 0");
        return new DemandSettings(window, config.get(DemandOptions.HISTORY), config.get(DemandOptions.HORIZON),
                season == 0 ? DemandSettings.naturalSeason(window) : season, config.get(DemandOptions.REFIT_EVERY),
                config.get(DemandOptions.DRIFT_THRESHOLD), config.get(ALLOWED_LATENESS),
                config.get(DemandOptions.TOP_ITEMS), config.get(DemandOptions.TOP_ITEMS_HALF_LIFE),
                config.get(DemandOptions.VIEWS), config.get(DemandOptions.RESELECTION_THREADS),
                config.get(DemandOptions.RESELECTION_CAPACITY));
    }

    private static int profileCache(ReadableConfig config) {
        int entries = config.get(USER_PROFILE_CACHE);
        require(entries >= 0, USER_PROFILE_CACHE, entries, "must be >= 0");
        return entries;
    }

    private static int itemListCache(ReadableConfig config) {
        int entries = config.get(RECS_LIST_CACHE);
        require(entries >= 0, RECS_LIST_CACHE, entries, "must be >= 0");
        return entries;
    }

    private static int fraudRiskCache(ReadableConfig config) {
        int entries = config.get(FraudOptions.RISK_CACHE);
        require(entries >= 0, FraudOptions.RISK_CACHE, entries, "must be >= 0");
        return entries;
    }

    private static Duration forgetHorizon(ReadableConfig config) {
        Duration horizon = config.get(PrivacyOptions.FORGET_HORIZON);
        require(horizon.toMillis() > 0, PrivacyOptions.FORGET_HORIZON, horizon, "must be positive");
        return horizon;
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

    /** The control plane's settings; a configured secret is read once here so that a bad one fails the start. */
    private static ControlSettings control(ReadableConfig config) {
        ControlSecret secret = new ControlSecret(config.get(ControlOptions.HMAC_SECRET_ENV),
                config.get(ControlOptions.HMAC_SECRET_FILE));
        if (secret.configured()) {
            secret.read(System.getenv());
        }
        Duration maxFuture = config.get(ControlOptions.MAX_FUTURE);
        require(!maxFuture.isNegative(), ControlOptions.MAX_FUTURE, maxFuture, "must not be negative");
        Duration maxAge = config.get(ControlOptions.MAX_AGE);
        require(maxAge.toMillis() > 0, ControlOptions.MAX_AGE, maxAge, "must be positive");
        return new ControlSettings(secret, maxFuture.toMillis(), maxAge.toMillis(),
                Arrays.asList(config.get(RankingOptions.MODELS_DIR), config.get(RankingOptions.CHALLENGER_MODELS_DIR)));
    }

    /** Fraud settings from {@code funnelflow.fraud.*}; a bad value fails the job at start naming its option. */
    private static FraudSettings fraud(ReadableConfig config) {
        FraudSettings defaults = FraudSettings.defaults();
        RiskSettings risk = defaults.risk();
        double smallAmount = config.get(FraudOptions.SMALL_PURCHASE_AMOUNT);
        require(smallAmount >= 0, FraudOptions.SMALL_PURCHASE_AMOUNT, smallAmount, "must be >= 0");
        int minAmountHistory = config.get(FraudOptions.MIN_AMOUNT_HISTORY);
        // A z-score needs a spread, so at least two earlier amounts.
        require(minAmountHistory >= 2, FraudOptions.MIN_AMOUNT_HISTORY, minAmountHistory, "must be >= 2");
        int trees = config.get(FraudOptions.FOREST_TREES);
        require(trees >= 1, FraudOptions.FOREST_TREES, trees, "must be >= 1");
        int sampleSize = config.get(FraudOptions.FOREST_SAMPLE_SIZE);
        require(sampleSize >= 4, FraudOptions.FOREST_SAMPLE_SIZE, sampleSize, "must be >= 4");
        double reasonShare = config.get(FraudOptions.FOREST_REASON_SHARE);
        require(reasonShare >= 0 && reasonShare <= 1, FraudOptions.FOREST_REASON_SHARE, reasonShare,
                "must be between 0 and 1");
        Duration suppression = config.get(FraudOptions.SUPPRESSION_WINDOW);
        require(suppression.toMillis() > 0, FraudOptions.SUPPRESSION_WINDOW, suppression, "must be positive");
        Duration stateTtl = config.get(FraudOptions.STATE_TTL);
        require(stateTtl.toMillis() > 0, FraudOptions.STATE_TTL, stateTtl, "must be positive");
        // The click cadence uses the sessions' inactivity gap, so a gap means the same to both.
        RiskSettings configuredRisk = new RiskSettings(risk.eventCapacity(), risk.purchaseCapacity(),
                risk.distinctCapacity(), risk.cadenceGaps(), risk.minCadenceGaps(), minAmountHistory, smallAmount,
                config.get(SESSION_GAP).toMillis(), risk.maxWindowMillis());
        return new FraudSettings(configuredRisk, defaults.vector(), trees, sampleSize,
                config.get(FraudOptions.FOREST_SEED), reasonShare, suppression, stateTtl);
    }

    private static void require(boolean valid, ConfigOption<?> option, Object value, String rule) {
        if (!valid) {
            throw new IllegalArgumentException(option.key() + " " + rule + ", got " + value);
        }
    }

    /**
     * The rule set {@code control} messages change at runtime: {@code funnelflow.fraud.rules}, or the shipped
     * {@code flink-jobs/fraud-rules.json}. Read when the job is built, so a broken file fails it at start.
     */
    private static List<FraudRule> fraudRules(ReadableConfig config, FraudSettings fraud) {
        FraudRuleParser parser = new FraudRuleParser(fraud.risk().maxWindowMillis());
        Optional<String> file = config.getOptional(FraudOptions.RULES);
        if (file.isEmpty()) {
            return parser.defaultRules();
        }
        try (InputStream in = Files.newInputStream(Path.of(file.get()))) {
            return parser.parseRuleFile(in);
        } catch (IOException | InvalidRuleException e) {
            throw new IllegalArgumentException(FraudOptions.RULES.key() + ": " + file.get() + ": " + e.getMessage(), e);
        }
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

    /** Candidates a request's list carries: enough for the storefront's list and for the ranker to choose from. */
    public int assembledCandidates() {
        return Math.max(recs.k(), ranking.candidates());
    }

    public EventParser parser() {
        return new EventParser(maxRecordBytes, maxClockSkew);
    }
}
