package dev.funnelflow.flink;

import dev.funnelflow.control.ModelFileCheck;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.MicroBatcher;
import dev.funnelflow.ranking.ModelSet;
import dev.funnelflow.ranking.OnnxRanker;
import dev.funnelflow.ranking.RankedList;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.ServingModels;
import dev.funnelflow.ranking.Variant;
import dev.funnelflow.recs.Recommendation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Scores each request's candidates with its variant's CTR and CVR models (ONNX Runtime, one session per model and
 * task), orders them by the objective and cuts them to the list served; a sample of requests also sends its scored
 * rows to {@link #EXAMPLES} for labelling. Without models, lists keep the blended order.
 *
 * <p>Requests are batched across keys into one model run, bounded by rows and a small time budget. The batch is
 * flushed before every checkpoint barrier, watermark and end of input, so it never needs to be in state and never
 * emits behind a watermark. Models directories are polled on a processing-time schedule: a newer model is loaded
 * and checked beside the serving one and swapped between two batches; a broken one is logged, counted
 * ({@code modelsRejected}) and ignored. The second input carries {@code model_promote} commands from
 * {@code control} (broadcast): a promoted model is checked the same way and pins its slot; accepted promotions are
 * union operator state, so they outlive a restart. Promotions carry no event time: the operator's watermark is
 * the requests'. The {@code modelVersion} gauge shows what the champion serves. The
 * {@code recommendationLatencyMs} histogram is the wall-clock time from the source reading the trigger event to
 * its list leaving this operator.
 */
public final class RankingOperator extends AbstractStreamOperator<Recommendation>
        implements TwoInputStreamOperator<RankingRequest, ModelPromotion, Recommendation>, BoundedMultiInput {

    public static final OutputTag<ServedExample> EXAMPLES =
            new OutputTag<>("served-examples", TypeInformation.of(ServedExample.class));

    private static final int FEATURES = FeatureSchema.CURRENT.size();
    /** Lists the latency quantiles are computed over. */
    private static final int LATENCY_SAMPLES = 10_000;

    private final RankingSettings settings;
    private final int listSize;
    private transient Map<Variant, Arm> arms;
    private transient Counter modelsRejected;
    private transient Counter modelSwaps;
    private transient Histogram latency;
    private transient boolean flushScheduled;
    /** Accepted promotions by slot, the newest each. */
    private transient Map<String, ModelPromotion> promotions;
    private transient ListState<ModelPromotion> promotionsState;

    /** A request waiting in a batch, with what its outputs need. */
    private record Queued(RankingRequest request, float[] rows, StreamRecord<?> record, Variant variant,
            String modelVersion) {}

    /** One variant's models and the batch of requests waiting for them. */
    private record Arm(ServingModels models, MicroBatcher<Queued> batcher) {}

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
        // Every subtask saw every promotion; after a restore (or a rescale) each gets all copies.
        for (ModelPromotion promotion : promotionsState.get()) {
            promotions.merge(promotion.slot(), promotion, (a, b) -> a.issuedAt() >= b.issuedAt() ? a : b);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        modelsRejected = getMetricGroup().counter("modelsRejected");
        modelSwaps = getMetricGroup().counter("modelSwaps");
        latency = getMetricGroup().histogram("recommendationLatencyMs", new DescriptiveStatisticsHistogram(LATENCY_SAMPLES));
        arms = new EnumMap<>(Variant.class);
        for (Variant variant : Variant.values()) {
            String dir = settings.modelsDir(variant);
            if (dir != null) {
                arm(variant, Path.of(dir));
            }
        }
        getMetricGroup().gauge("modelVersion", () -> version(Variant.CHAMPION));
        getMetricGroup().gauge("challengerModelVersion", () -> version(Variant.CHALLENGER));
        List<ModelPromotion> restored = promotions.values().stream()
                .sorted(Comparator.comparingLong(ModelPromotion::issuedAt)).toList();
        promotions.clear();
        restored.forEach(this::promote);
        pollModels();
        getProcessingTimeService().scheduleWithFixedDelay(time -> pollModels(), settings.pollIntervalMillis(),
                settings.pollIntervalMillis());
    }

    private Arm arm(Variant variant, Path directory) {
        ServingModels models = new ServingModels(directory, FeatureSchema.CURRENT, settings.provider());
        Arm arm = new Arm(models, new MicroBatcher<>(FEATURES, 2, settings.batchRows(),
                settings.batchDelayMillis() * 1_000_000, (rows, count) -> models.models().score(rows, count)));
        arms.put(variant, arm);
        return arm;
    }

    @Override
    public void processElement1(StreamRecord<RankingRequest> record) throws Exception {
        RankingRequest request = record.getValue();
        float[] organicRow = request.organicRow();
        if (organicRow != null) {
            output.collect(EXAMPLES, record.replace(ServedExample.organic(request.request(), organicRow)));
        }
        Variant variant = Variant.of(request.request().userId(), settings.challengerShare());
        Arm arm = arms.get(variant);
        ModelSet models = arm == null ? ModelSet.NONE : arm.models().models();
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
        emit(arm.batcher().add(new Queued(request, rows, record.copy(request), variant, models.version()), rows,
                request.size(), System.nanoTime()));
        if (arm.batcher().deadline() != Long.MAX_VALUE && !flushScheduled) {
            flushScheduled = true;
            long now = getProcessingTimeService().getCurrentProcessingTime();
            getProcessingTimeService().registerTimer(now + Math.max(1, settings.batchDelayMillis()), time -> {
                flushScheduled = false;
                flushAll();
            });
        }
    }

    /** A {@code model_promote} from {@code control}: what is queued is scored by the models it was queued for. */
    @Override
    public void processElement2(StreamRecord<ModelPromotion> record) {
        ModelPromotion promotion = record.getValue();
        ModelPromotion current = promotions.get(promotion.slot());
        if (current != null && (promotion.issuedAt() < current.issuedAt()
                || promotion.commandId().equals(current.commandId()))) {
            return; // replayed, or older than what the slot serves
        }
        flushAll();
        promote(promotion);
    }

    private void promote(ModelPromotion promotion) {
        // route-control checked the file; checked again here, where it is loaded (and for promotions restored).
        ModelFileCheck.Refusal refusal = new ModelFileCheck(Arrays.asList(settings.modelsDir(Variant.CHAMPION),
                settings.modelsDir(Variant.CHALLENGER))).refusal(promotion);
        if (refusal != null) {
            modelsRejected.inc();
            LOG.warn("Refused promotion {}: {}", promotion.commandId(), refusal.detail());
            return;
        }
        Arm arm = arms.containsKey(promotion.variant()) ? arms.get(promotion.variant()) : arm(promotion.variant(), null);
        String before = arm.models().models().version();
        ServingModels.Update update = arm.models().promote(promotion.label(), Path.of(promotion.path()),
                promotion.modelVersion(), promotion.schemaHash());
        logged(promotion.variant(), before, update, "promotion " + promotion.commandId());
        if (update.swapped()) {
            promotions.put(promotion.slot(), promotion);
        }
    }

    private void emit(List<MicroBatcher.Scored<Queued>> scored) {
        long now = System.currentTimeMillis();
        for (MicroBatcher.Scored<Queued> result : scored) {
            Queued queued = result.request();
            Recommendation recommendation = RankedList.ranked(queued.request(), result.probabilities(),
                    queued.modelVersion(), settings.objective(), listSize, now);
            output.collect(queued.record().replace(recommendation));
            recordLatency(queued.request(), now);
            if (settings.logsExamples(queued.request().request().recId())) {
                logExamples(queued.request(), queued.rows(), queued.record(), queued.variant(), queued.modelVersion());
            }
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
            emit(arm.batcher().flush());
        }
    }

    /** Swaps in newer models between two batches: what is queued is scored by the models it was queued for. */
    private void pollModels() {
        flushAll();
        for (Map.Entry<Variant, Arm> entry : arms.entrySet()) {
            ServingModels models = entry.getValue().models();
            String before = models.models().version();
            logged(entry.getKey(), before, models.poll(), models.source());
        }
    }

    private void logged(Variant variant, String before, ServingModels.Update update, String source) {
        String was = before == null ? "the blended order" : before;
        for (ServingModels.Rejection rejection : update.rejections()) {
            modelsRejected.inc();
            LOG.warn("ranking model rejected, {} keeps serving {}: {}", variant.wireName(), was, rejection.reason());
        }
        if (update.swapped()) {
            modelSwaps.inc();
            update.retired().forEach(OnnxRanker::close);
            LOG.info("ranking for {} now serves {} (was {}) from {}", variant.wireName(), update.models().version(),
                    was, source);
        }
    }

    private String version(Variant variant) {
        Arm arm = arms.get(variant);
        String version = arm == null ? null : arm.models().models().version();
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
        promotionsState.update(List.copyOf(promotions.values()));
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
        if (arms != null) {
            arms.values().forEach(arm -> arm.models().close());
        }
        super.close();
    }
}
