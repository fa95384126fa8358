package dev.funnelflow.flink.operators;

import dev.funnelflow.control.ModelFileCheck;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.MicroBatcher;
import dev.funnelflow.ranking.ModelLoader;
import dev.funnelflow.ranking.ModelSet;
import dev.funnelflow.ranking.OnnxRanker;
import dev.funnelflow.ranking.RankedList;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.ranking.ScoringFailures;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.ServingModels;
import dev.funnelflow.ranking.Variant;
import dev.funnelflow.recs.Recommendation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores each request's candidates with its variant's CTR and CVR models (ONNX Runtime, one session per model and
 * task), orders them by the objective and cuts them to the list served; a sample of requests also sends its scored
 * rows to {@link #EXAMPLES} for labelling. Without models, lists keep the blended order.
 *
 * <p>Requests are batched across keys into one model run, bounded by rows and a small time budget. The batch is
 * flushed before every checkpoint barrier, watermark and end of input, so it never needs to be in state and never
 * emits behind a watermark.
 *
 * <p>Models are read, loaded and test-run on a background thread ({@link ModelLoader}), never on the task thread:
 * on a processing-time schedule the task asks it to poll the models directories, and the second input's
 * {@code model_promote} commands from {@code control} (broadcast) go to it too. A model that loads and passes its
 * test run is handed back and swapped in between two batches (the retired one closed after the batches it scored);
 * a broken one is logged, counted ({@code modelsRejected}) and ignored while the old one serves. A promoted model
 * pins its slot; promotions are union operator state, so they outlive a restart. {@link #open} waits for the first
 * load (bounded), so a job starts ranked as it was configured.
 *
 * <p>Scoring never fails the job: a batch whose model run throws, and any list a model gives NaN or infinity for,
 * is served in the blended order, as without a model ({@code model_version} null), counted in
 * {@code rankingFailures} and logged on the first failure of each model version and then at 10, 100, … failures.
 * Promotions carry no event time: the operator's watermark is the requests'. The {@code modelVersion} gauge shows
 * what the champion serves. The {@code recommendationLatencyMs} histogram is the wall-clock time from the source
 * reading the trigger event to its list leaving this operator.
 */
public final class RankingOperator extends AbstractStreamOperator<Recommendation>
        implements TwoInputStreamOperator<RankingRequest, ModelPromotion, Recommendation>, BoundedMultiInput {

    public static final OutputTag<ServedExample> EXAMPLES =
            new OutputTag<>("served-examples", TypeInformation.of(ServedExample.class));

    /** Its own, not the inherited Flink operator logger: rejections and failures are this job's to report. */
    private static final Logger LOG = LoggerFactory.getLogger(RankingOperator.class);
    private static final int FEATURES = FeatureSchema.CURRENT.size();
    /** Lists the latency quantiles are computed over. */
    private static final int LATENCY_SAMPLES = 10_000;
    /** Longest {@link #open} waits for the models the job starts with. */
    private static final long FIRST_LOAD_WAIT_SECONDS = 60;

    private final RankingSettings settings;
    private final int listSize;
    private transient Map<Variant, Arm> arms;
    private transient ModelLoader loader;
    private transient ScoringFailures scoringFailures;
    /** Why the last model run threw, for the failure's log line; null when it did not. */
    private transient String scoringError;
    private transient Counter modelsRejected;
    private transient Counter modelSwaps;
    private transient Counter rankingFailures;
    private transient TaskThreadHold hold;
    private transient Histogram latency;
    private transient boolean flushScheduled;
    /** Accepted promotions by slot, the newest each. */
    private transient Map<String, ModelPromotion> promotions;
    /** Promotions handed to the loader and not yet judged, by command id: in state too, so none is lost. */
    private transient Map<String, ModelPromotion> pendingPromotions;
    private transient ListState<ModelPromotion> promotionsState;

    /** A request waiting in a batch, with what its outputs need. */
    private record Queued(RankingRequest request, float[] rows, StreamRecord<?> record, Variant variant,
            ModelSet models) {}

    /** One variant's serving models and the batch of requests waiting for them. */
    private final class Arm {
        /** Volatile for the version gauges, which metric reporters read from their own threads. */
        private volatile ModelSet models = ModelSet.NONE;
        private final MicroBatcher<Queued> batcher = new MicroBatcher<>(FEATURES, 2, settings.batchRows(),
                settings.batchDelayMillis() * 1_000_000, this::score);

        /** The models' outputs; NaN for every row when the run throws, which {@link #emit} serves unranked. */
        private float[] score(float[] rows, int count) {
            try {
                return models.score(rows, count);
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                scoringError = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
                float[] failed = new float[count * 2];
                Arrays.fill(failed, Float.NaN);
                return failed;
            }
        }
    }

    /** @param listSize items per served list ({@code funnelflow.recs.k}) */
    public RankingOperator(RankingSettings settings, int listSize) {
        this.settings = settings;
        this.listSize = listSize;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        promotionsState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("model-promotions", TypeInformation.of(ModelPromotion.class)));
        promotions = new HashMap<>();
        pendingPromotions = new HashMap<>();
        // Every subtask saw every promotion; after a restore (or a rescale) each gets all copies. All are re-applied
        // in the order issued: one that was pending may be refused, and the slot then keeps the one before it.
        for (ModelPromotion promotion : promotionsState.get()) {
            pendingPromotions.put(promotion.commandId(), promotion);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        modelsRejected = getMetricGroup().counter("modelsRejected");
        modelSwaps = getMetricGroup().counter("modelSwaps");
        rankingFailures = getMetricGroup().counter("rankingFailures");
        hold = TaskThreadHold.register(getMetricGroup());
        latency = getMetricGroup().histogram("recommendationLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_SAMPLES));
        scoringFailures = new ScoringFailures();
        arms = new EnumMap<>(Variant.class);
        Map<Variant, Path> directories = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            String dir = settings.modelsDir(variant);
            if (dir != null) {
                arms.put(variant, new Arm());
                directories.put(variant, Path.of(dir));
            }
        }
        getMetricGroup().gauge("modelVersion", () -> version(Variant.CHAMPION));
        getMetricGroup().gauge("challengerModelVersion", () -> version(Variant.CHALLENGER));
        loader = new ModelLoader(directories, FeatureSchema.CURRENT, settings.provider(),
                "ranking-models-" + getRuntimeContext().getTaskInfo().getTaskNameWithSubtasks());
        pendingPromotions.values().stream().sorted(Comparator.comparingLong(ModelPromotion::issuedAt))
                .forEach(promotion -> loader.promote(loading(promotion)));
        awaitFirstLoad(loader.poll());
        getProcessingTimeService().scheduleWithFixedDelay(time -> {
            swapInLoadedModels();
            loader.poll();
        }, settings.pollIntervalMillis(), settings.pollIntervalMillis());
    }

    /**
     * Waits for the models the job starts with, so its first lists are ranked as configured rather than in the
     * blended order; a load that takes longer does not hold the task: it serves what is ready and swaps later.
     */
    private void awaitFirstLoad(Future<?> firstLoad) throws InterruptedException {
        try {
            firstLoad.get(FIRST_LOAD_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("ranking models still loading after {} s; serving what is ready meanwhile", FIRST_LOAD_WAIT_SECONDS);
        } catch (ExecutionException e) {
            LOG.warn("ranking models failed to load at start; serving what is ready", e.getCause());
        }
        swapInLoadedModels();
    }

    /** Done when every model load asked for so far has finished: the next record or timer swaps them in. */
    @VisibleForTesting
    Future<?> modelLoadsSettled() {
        return loader.settled();
    }

    /** route-control checked the promoted file; checked again where it is loaded, and for promotions restored. */
    private ModelLoader.Promotion loading(ModelPromotion promotion) {
        ModelFileCheck files = new ModelFileCheck(Arrays.asList(settings.modelsDir(Variant.CHAMPION),
                settings.modelsDir(Variant.CHALLENGER)));
        return new ModelLoader.Promotion(promotion.commandId(), promotion.issuedAt(), promotion.variant(),
                promotion.label(), Path.of(promotion.path()), promotion.modelVersion(), promotion.schemaHash(), () -> {
                    ModelFileCheck.Refusal refusal = files.refusal(promotion);
                    return refusal == null ? null : refusal.detail();
                });
    }

    @Override
    public void processElement1(StreamRecord<RankingRequest> record) throws Exception {
        long started = hold.start();
        try {
            rank(record);
        } finally {
            hold.end(started);
        }
    }

    /** Serves the request unranked without a model, else queues it for the next scored batch. */
    private void rank(StreamRecord<RankingRequest> record) {
        if (loader.hasReady()) {
            swapInLoadedModels();
        }
        RankingRequest request = record.getValue();
        float[] organicRow = request.organicRow();
        if (organicRow != null) {
            output.collect(EXAMPLES, record.replace(ServedExample.organic(request.request(), organicRow)));
        }
        Variant variant = Variant.of(request.request().userId(), settings.challengerShare());
        Arm arm = arms.get(variant);
        ModelSet models = arm == null ? ModelSet.NONE : arm.models;
        if (models.isEmpty()) {
            long now = System.currentTimeMillis();
            output.collect(record.replace(RankedList.unranked(request, listSize, now)));
            recordLatency(request, now);
            if (settings.logsExamples(request.request().recId())) {
                logExamples(request, request.featureRows(), record, variant, null);
            }
            return;
        }
        float[] rows = request.featureRows();
        emit(arm.batcher.add(new Queued(request, rows, record.copy(request), variant, models), rows,
                request.size(), System.nanoTime()));
        if (arm.batcher.deadline() != Long.MAX_VALUE && !flushScheduled) {
            flushScheduled = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + Math.max(1, settings.batchDelayMillis()), time -> {
                long started = hold.start();
                flushScheduled = false;
                flushAll();
                hold.end(started);
            });
        }
    }

    /** A {@code model_promote} from {@code control}: loaded in the background, swapped in when it is ready. */
    @Override
    public void processElement2(StreamRecord<ModelPromotion> record) {
        ModelPromotion promotion = record.getValue();
        if (pendingPromotions.putIfAbsent(promotion.commandId(), promotion) == null) {
            loader.promote(loading(promotion));
        }
    }

    /**
     * Serves the models the loader has finished, between two batches: what is queued is scored by the models it
     * was queued for, and only then are the models it retires closed.
     */
    private void swapInLoadedModels() {
        flushAll();
        for (ModelLoader.Loaded loaded = loader.next(); loaded != null; loaded = loader.next()) {
            ServingModels.Update update = loaded.update();
            String was = loaded.before() == null ? "the blended order" : loaded.before();
            for (ServingModels.Rejection rejection : update.rejections()) {
                modelsRejected.inc();
                LOG.warn("ranking model rejected, {} keeps serving {}: {}", loaded.variant().wireName(), was,
                        rejection.reason());
            }
            if (update.swapped()) {
                arms.computeIfAbsent(loaded.variant(), variant -> new Arm()).models = update.models();
                update.retired().forEach(OnnxRanker::close);
                modelSwaps.inc();
                LOG.info("ranking for {} now serves {} (was {}) from {}", loaded.variant().wireName(),
                        update.models().version(), was, loaded.source());
            }
            if (loaded.promotionId() != null) {
                ModelPromotion promotion = pendingPromotions.remove(loaded.promotionId());
                if (update.swapped() && promotion != null) {
                    promotions.put(promotion.slot(), promotion);
                }
            }
        }
    }

    private void emit(List<MicroBatcher.Scored<Queued>> scored) {
        long now = System.currentTimeMillis();
        for (MicroBatcher.Scored<Queued> result : scored) {
            Queued queued = result.request();
            String modelVersion = queued.models().version();
            boolean ranked = queued.models().allFinite(result.probabilities());
            if (!ranked) {
                rankingFailed(modelVersion);
                modelVersion = null;
            }
            Recommendation recommendation = ranked
                    ? RankedList.ranked(queued.request(), result.probabilities(), modelVersion, settings.objective(),
                            listSize, now)
                    : RankedList.unranked(queued.request(), listSize, now);
            output.collect(queued.record().replace(recommendation));
            recordLatency(queued.request(), now);
            if (settings.logsExamples(queued.request().request().recId())) {
                logExamples(queued.request(), queued.rows(), queued.record(), queued.variant(), modelVersion);
            }
        }
        scoringError = null;
    }

    private void rankingFailed(String modelVersion) {
        rankingFailures.inc();
        long failures = scoringFailures.record(modelVersion);
        if (failures > 0) {
            LOG.warn("ranking by {} failed ({}), {} lists so far: they are served in the blended order", modelVersion,
                    scoringError == null ? "NaN or infinite scores" : scoringError, failures);
        }
    }

    private void recordLatency(RankingRequest request, long emittedAt) {
        long readAt = request.request().context().readAt();
        if (readAt > 0) {
            latency.update(emittedAt - readAt);
        }
    }

    private void logExamples(RankingRequest request, float[] rows, StreamRecord<?> record, Variant variant,
            String modelVersion) {
        String recId = request.request().recId();
        for (int i = 0; i < request.size(); i++) {
            String item = request.candidates()[i].itemId();
            output.collect(EXAMPLES, record.replace(new ServedExample(recId + "/" + item, request.request().eventTime(),
                    request.request().userId(), item, Arrays.copyOfRange(rows, i * FEATURES, (i + 1) * FEATURES),
                    variant.wireName(), modelVersion)));
        }
    }

    private void flushAll() {
        for (Arm arm : arms.values()) {
            emit(arm.batcher.flush());
        }
    }

    private String version(Variant variant) {
        Arm arm = arms.get(variant);
        String version = arm == null ? null : arm.models.version();
        return version == null ? "none" : version;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flushAll();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        processWatermark(mark);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // Promotions have no event time; they must not hold the requests' watermark back.
    }

    @Override
    protected void processWatermarkStatus(WatermarkStatus status, int inputIndex) {
        if (inputIndex == 0) {
            output.emitWatermarkStatus(status);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<ModelPromotion> all = new ArrayList<>(promotions.values());
        all.addAll(pendingPromotions.values());
        promotionsState.update(all);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flushAll();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void endInput(int inputId) {
        flushAll();
    }

    @Override
    public void close() throws Exception {
        if (loader != null) {
            loader.close(); // closes what serves too: the loader's models are the newest of what the arms serve
        }
        super.close();
    }
}
