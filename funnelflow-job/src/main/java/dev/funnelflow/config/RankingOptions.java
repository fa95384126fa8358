package dev.funnelflow.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.funnelflow.ranking.ExecutionProvider;
import dev.funnelflow.ranking.RankingObjective;
import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * Settings of ranking and training-example logging (issue 3), declared once with default and description, set like
 * every FunnelFlow option ({@code flink-jobs/clickstream.yaml}, {@code --config}, {@code -Dkey=value}).
 */
public final class RankingOptions {

    private RankingOptions() {}

    public static final ConfigOption<String> MODELS_DIR = key("funnelflow.ranking.models-dir")
            .stringType().noDefaultValue()
            .withDescription("Directory of the champion's ONNX models and cards (models/README.md); the newest CTR"
                    + " and CVR model serve, and newer ones dropped in are swapped in without restart. Unset:"
                    + " lists keep the blended order.");

    public static final ConfigOption<String> CHALLENGER_MODELS_DIR = key("funnelflow.ranking.challenger.models-dir")
            .stringType().noDefaultValue()
            .withDescription("Directory of the challenger's models, served to funnelflow.ranking.challenger.share"
                    + " of users.");

    public static final ConfigOption<Double> CHALLENGER_SHARE = key("funnelflow.ranking.challenger.share")
            .doubleType().defaultValue(0.0)
            .withDescription("Share of users (by a stable hash of user_id) served by the challenger, 0..1.");

    public static final ConfigOption<RankingObjective> OBJECTIVE = key("funnelflow.ranking.objective")
            .enumType(RankingObjective.class).defaultValue(RankingObjective.CLICK_CONVERT)
            .withDescription("What the final order maximises: CLICK (p_click), CLICK_CONVERT (p_click x p_convert) or"
                    + " REVENUE (p_click x p_convert x price).");

    public static final ConfigOption<Integer> CANDIDATES = key("funnelflow.ranking.candidates")
            .intType().defaultValue(50)
            .withDescription("Blended candidates scored per request; the best funnelflow.recs.k are served.");

    public static final ConfigOption<Integer> BATCH_ROWS = key("funnelflow.ranking.batch.max-rows")
            .intType().defaultValue(512)
            .withDescription("Most candidate rows scored in one ONNX Runtime run (requests are batched together).");

    public static final ConfigOption<Duration> BATCH_DELAY = key("funnelflow.ranking.batch.max-delay")
            .durationType().defaultValue(Duration.ofMillis(2))
            .withDescription("Longest a request waits for others to share its run; 0 scores each request at once.");

    public static final ConfigOption<Duration> POLL_INTERVAL = key("funnelflow.ranking.models.poll-interval")
            .durationType().defaultValue(Duration.ofSeconds(10))
            .withDescription("How often the models directories are checked for new versions.");

    public static final ConfigOption<ExecutionProvider> EXECUTION_PROVIDER = key("funnelflow.ranking.execution-provider")
            .enumType(ExecutionProvider.class).defaultValue(ExecutionProvider.CPU)
            .withDescription("CPU, or CUDA (needs the -Pgpu build, CUDA 12 and cuDNN 9; falls back to CPU with a"
                    + " log line).");

    public static final ConfigOption<Double> EXAMPLE_SAMPLE_RATE = key("funnelflow.ranking.examples.sample-rate")
            .doubleType().defaultValue(0.01)
            .withDescription("Share of requests (by rec_id hash) whose scored candidates are logged to"
                    + " training-examples; each is kept in state until its convert window ends. 0 turns logging off.");

    public static final ConfigOption<Double> ORGANIC_SAMPLE_RATE = key("funnelflow.ranking.examples.organic-sample-rate")
            .doubleType().defaultValue(0.01)
            .withDescription("Share of views (by rec_id hash) logged to training-examples as organic examples: the"
                    + " viewed item itself (variant organic, no recommender features), labelled convert if bought"
                    + " within the convert window. They train conversion models on data without impressions. 0 turns"
                    + " them off.");

    public static final ConfigOption<Duration> CLICK_WINDOW = key("funnelflow.ranking.labels.click-window")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("A view or click of a logged candidate within this time labels it click = 1.");

    public static final ConfigOption<Duration> CONVERT_WINDOW = key("funnelflow.ranking.labels.convert-window")
            .durationType().defaultValue(Duration.ofHours(24))
            .withDescription("A purchase of a logged candidate within this time labels it convert = 1; examples are"
                    + " written when it ends.");
}
