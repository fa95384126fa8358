package dev.funnelflow.flink.operators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.control.ModelFileCheck;
import dev.funnelflow.control.ModelPromotion;
import dev.funnelflow.event.DeviceType;
import dev.funnelflow.event.RequestContext;
import dev.funnelflow.profile.UserSnapshot;
import dev.funnelflow.ranking.ContractModels;
import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.Feature;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelCard;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.ranking.ServedExample;
import dev.funnelflow.ranking.Variant;
import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.CandidateSource;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.RecommendedItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.TwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RankingOperatorTest {

    private static final int K = 2;

    @TempDir
    Path models;

    @Test
    void withoutModelsListsKeepTheBlendedOrderAndSampledRequestsLogTheirRows() throws Exception {
        try (var harness = harness(settings(Map.of("funnelflow.ranking.examples.sample-rate", "1")))) {
            harness.processElement1(request("r1", "a", "b", "c"));

            Recommendation rec = harness.extractOutputValues().get(0);
            assertThat(rec.items()).extracting(RecommendedItem::itemId).containsExactly("a", "b");
            assertThat(rec.items()[0].pClick()).isNull();
            assertThat(rec.modelVersion()).isNull();
            List<ServedExample> examples = examples(harness);
            assertThat(examples).extracting(ServedExample::exampleId).containsExactly("r1/a", "r1/b", "r1/c");
            assertThat(examples.get(2).features()).hasSize(FeatureSchema.CURRENT.size());
            assertThat(examples.get(2).features()[Feature.CANDIDATE_RANK.ordinal()]).isEqualTo((float) Math.log1p(2));
            assertThat(examples).allMatch(e -> e.variant().equals("champion") && e.modelVersion() == null);
        }
    }

    @Test
    void aSampledViewLogsItsItemAsAnOrganicExample() throws Exception {
        try (var harness = harness(settings(Map.of()))) {
            StreamRecord<RankingRequest> view = request("r1", "a", "b");
            RecommendationRequest request = view.getValue().request();
            harness.processElement1(new StreamRecord<>(new RankingRequest(new RecommendationRequest(request.recId(),
                    request.userId(), request.sessionId(), request.triggerEventId(), 1, request.excludedItems(),
                    request.user(), request.context(), BlendedCandidate.organic("v", "cat", 12.0)), view.getValue()
                    .candidates(), 0.02), 1_000));

            ServedExample organic = examples(harness).get(0);
            assertThat(organic.exampleId()).isEqualTo("r1/organic");
            assertThat(organic.itemId()).isEqualTo("v");
            assertThat(organic.variant()).isEqualTo("organic");
            assertThat(organic.modelVersion()).isNull();
            assertThat(organic.features()[Feature.ITEM_IN_TRIGGER_CATEGORY.ordinal()]).isEqualTo(1f);
            assertThat(organic.features()[Feature.SOURCE_COVISITATION.ordinal()]).isZero();
            assertThat(organic.features()[Feature.ITEM_PRICE.ordinal()]).isEqualTo((float) Math.log1p(12));
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void batchesRequestsAcrossKeysAndEmitsThemInOrderBeforeTheWatermarkPasses() throws Exception {
        model("ctr-a", "2026-01-01T00:00:00Z", +1);
        try (var harness = harness(settings(Map.of("funnelflow.ranking.batch.max-delay", "1 h")))) {
            harness.processElement1(request("r1", "a", "b", "c"));
            harness.processElement1(request("r2", "x", "y"));
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processWatermark1(new Watermark(6));

            assertThat(harness.getOutput()).hasSize(3).last().isInstanceOf(Watermark.class);
            List<Recommendation> recs = harness.extractOutputValues();
            assertThat(recs).extracting(Recommendation::recId).containsExactly("r1", "r2");
            // Weight +1 on the blended rank: the model reverses the blend.
            assertThat(recs.get(0).items()).extracting(RecommendedItem::itemId).containsExactly("c", "b");
            assertThat(recs.get(0).items()[0].pClick()).isGreaterThan(recs.get(0).items()[1].pClick());
            assertThat(recs.get(0).items()[0].pConvert()).isNull();
            assertThat(recs).allMatch(rec -> rec.modelVersion().equals("ctr-a"));
        }
    }

    @Test
    void aBatchIsScoredWhenItsTimeBudgetRunsOut() throws Exception {
        model("ctr-a", "2026-01-01T00:00:00Z", +1);
        try (var harness = harness(settings(Map.of("funnelflow.ranking.batch.max-delay", "5 ms")))) {
            harness.processElement1(request("r1", "a", "b"));
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.setProcessingTime(5);
            assertThat(harness.extractOutputValues()).extracting(Recommendation::recId).containsExactly("r1");
        }
    }

    @Test
    void aNewerModelDroppedInIsSwappedInAndBrokenOnesAreRejectedWhileTheOldServes() throws Exception {
        model("ctr-a", "2026-01-01T00:00:00Z", +1);
        try (var harness = harness(settings(Map.of("funnelflow.ranking.batch.max-delay", "0 ms")))) {
            harness.processElement1(request("r1", "a", "b", "c"));
            assertThat(harness.extractOutputValues().get(0).modelVersion()).isEqualTo("ctr-a");

            model("ctr-b", "2026-02-01T00:00:00Z", -1);
            pollAndSettle(harness, 10_000);
            harness.processElement1(request("r2", "a", "b", "c"));
            Recommendation swapped = harness.extractOutputValues().get(1);
            assertThat(swapped.modelVersion()).isEqualTo("ctr-b");
            assertThat(swapped.items()).extracting(RecommendedItem::itemId).containsExactly("a", "b");

            Path broken = models.resolve("ctr-c.onnx");
            Files.writeString(broken, "not a model");
            ContractModels.servingCard("ctr", "c", "2026-03-01T00:00:00Z", FeatureSchema.CURRENT)
                    .write(ModelCard.pathFor(broken));
            ContractModels.clickModel(models, "ctr", "d", "2026-04-01T00:00:00Z",
                    new FeatureSchema(99, FeatureSchema.CURRENT.names()), Feature.CANDIDATE_RANK, 1);
            pollAndSettle(harness, 20_000); // the newest, d, is refused
            pollAndSettle(harness, 30_000); // then c
            harness.processElement1(request("r3", "a", "b", "c"));
            assertThat(harness.extractOutputValues().get(2).modelVersion()).isEqualTo("ctr-b");
        }
    }

    @Test
    void aModelScoringNaNInItsTestRunIsRefusedWhileTheOldServes() throws Exception {
        model("ctr-a", "2026-01-01T00:00:00Z", +1);
        try (var harness = harness(settings(Map.of("funnelflow.ranking.batch.max-delay", "0 ms")))) {
            Path nan = ContractModels.linear(models, "ctr-nan", FeatureSchema.CURRENT,
                    new float[FeatureSchema.CURRENT.size()], Float.NaN, true);
            ContractModels.servingCard("ctr", "nan", "2026-02-01T00:00:00Z", FeatureSchema.CURRENT)
                    .write(ModelCard.pathFor(nan));
            pollAndSettle(harness, 10_000);

            harness.processElement1(request("r1", "a", "b", "c"));
            Recommendation rec = harness.extractOutputValues().get(0);
            assertThat(rec.modelVersion()).isEqualTo("ctr-a");
            assertThat(rec.items()).extracting(RecommendedItem::itemId).containsExactly("c", "b");
        }
    }

    @Test
    void aModelThatFailsWhileScoringServesTheBlendedOrderAndTheJobGoesOn() throws Exception {
        model("ctr-a", "2026-01-01T00:00:00Z", +1);
        try (var harness = harness(settings(Map.of("funnelflow.ranking.batch.max-delay", "1 h",
                "funnelflow.ranking.examples.sample-rate", "1")))) {
            ContractModels.failingWhileScoring(models);
            pollAndSettle(harness, 10_000);

            harness.processElement1(request("r1", "a", "b", "c"));
            harness.processElement1(request("r2", "x", "y"));
            harness.processWatermark1(new Watermark(6));

            List<Recommendation> recs = harness.extractOutputValues();
            assertThat(recs).extracting(Recommendation::recId).containsExactly("r1", "r2");
            assertThat(recs.get(0).items()).extracting(RecommendedItem::itemId).containsExactly("a", "b");
            assertThat(recs.get(1).items()).extracting(RecommendedItem::itemId).containsExactly("x", "y");
            assertThat(recs).allSatisfy(rec -> {
                assertThat(rec.modelVersion()).as("no model ranked it").isNull();
                assertThat(rec.items()[0].pClick()).isNull();
            });
            assertThat(examples(harness)).allMatch(e -> e.modelVersion() == null);
            assertThat(harness.getOutput()).last().isEqualTo(new Watermark(6));
        }
    }

    @Test
    void aCandidateScoredNaNNeverRanksItsListKeepsTheBlendedOrder() throws Exception {
        ContractModels.nanWhereNegative(models, "ctr", "nan", "2026-01-01T00:00:00Z", FeatureSchema.CURRENT,
                Feature.CANDIDATE_SCORE, -1);
        try (var harness = harness(settings(Map.of("funnelflow.ranking.batch.max-delay", "0 ms")))) {
            harness.processElement1(request("r1", "a", "b", "c"));
            assertThat(harness.extractOutputValues().get(0).modelVersion()).as("all finite: ranked").isEqualTo("ctr-nan");

            StreamRecord<RankingRequest> withNaN = request("r2", "a", "b", "c");
            withNaN.getValue().candidates()[2] = candidate("c", 2, -1); // NaN for c: counted as a missing model, it ranked first
            harness.processElement1(withNaN);

            Recommendation rec = harness.extractOutputValues().get(1);
            assertThat(rec.items()).extracting(RecommendedItem::itemId).containsExactly("a", "b");
            assertThat(rec.modelVersion()).isNull();
        }
    }

    /** Runs the models directory poll due at {@code time} and waits until its loads are ready to swap in. */
    private static void pollAndSettle(
            TwoInputStreamOperatorTestHarness<RankingRequest, ModelPromotion, Recommendation> harness, long time)
            throws Exception {
        harness.setProcessingTime(time);
        settle(harness);
    }

    /** Waits until the models asked for so far are loaded: the next record swaps them in. */
    private static void settle(
            TwoInputStreamOperatorTestHarness<RankingRequest, ModelPromotion, Recommendation> harness)
            throws Exception {
        ((RankingOperator) harness.getOperator()).modelLoadsSettled().get(1, TimeUnit.MINUTES);
    }

    private TwoInputStreamOperatorTestHarness<RankingRequest, ModelPromotion, Recommendation> harness(
            RankingSettings settings) throws Exception {
        return harness(settings, null);
    }

    private TwoInputStreamOperatorTestHarness<RankingRequest, ModelPromotion, Recommendation> harness(
            RankingSettings settings, OperatorSubtaskState restored) throws Exception {
        var harness = new TwoInputStreamOperatorTestHarness<>(new RankingOperator(settings, K));
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    @Test
    void aPromotedModelPinsItsSlotUntilTheNextPromotionAndOutlivesARestore() throws Exception {
        Path older = model("ctr-a", "2026-01-01T00:00:00Z", +1);
        model("ctr-b", "2026-02-01T00:00:00Z", -1);
        RankingSettings settings = settings(Map.of("funnelflow.ranking.batch.max-delay", "0 ms"));
        OperatorSubtaskState snapshot;
        try (var harness = harness(settings)) {
            harness.processElement1(request("r1", "a", "b", "c"));
            assertThat(harness.extractOutputValues().get(0).modelVersion()).isEqualTo("ctr-b");

            harness.processElement2(promotion("p0", 1, "ctr-b", older)); // the card says ctr-a: refused
            harness.processElement2(promotion("p1", 2, "ctr-a", older));
            harness.processElement2(promotion("p0", 1, "ctr-a", older)); // issued before p1: no effect
            model("ctr-c", "2026-03-01T00:00:00Z", -1);
            pollAndSettle(harness, 10_000);
            harness.processElement1(request("r2", "a", "b", "c"));
            Recommendation rolledBack = harness.extractOutputValues().get(1);
            assertThat(rolledBack.modelVersion()).as("the directory's newer ctr-c does not take a pinned slot")
                    .isEqualTo("ctr-a");
            assertThat(rolledBack.items()).extracting(RecommendedItem::itemId).containsExactly("c", "b");
            snapshot = harness.snapshot(1, 10_000);
        }
        try (var restored = harness(settings, snapshot)) {
            restored.processElement1(request("r3", "a", "b", "c"));
            assertThat(restored.extractOutputValues().get(0).modelVersion()).isEqualTo("ctr-a");
        }
    }

    @Test
    void promotionsCarryNoEventTimeSoOnlyTheRequestsMoveTheWatermark() throws Exception {
        try (var harness = harness(settings(Map.of()))) {
            harness.processWatermark1(new Watermark(5));
            assertThat(harness.getOutput()).containsExactly(new Watermark(5));
        }
    }

    private RankingSettings settings(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(overrides);
        config.put("funnelflow.ranking.models-dir", models.toString());
        config.put("funnelflow.ranking.models.poll-interval", "10 s");
        return JobSettings.from(JobConfig.load(null, config)).ranking();
    }

    private static List<ServedExample> examples(
            TwoInputStreamOperatorTestHarness<RankingRequest, ModelPromotion, Recommendation> harness) {
        return harness.getSideOutput(RankingOperator.EXAMPLES).stream().map(StreamRecord::getValue).toList();
    }

    private static StreamRecord<ModelPromotion> promotion(String commandId, long issuedAt, String version, Path file)
            throws IOException {
        return new StreamRecord<>(new ModelPromotion(commandId, issuedAt, Variant.CHAMPION, ExampleLabel.CLICK, version,
                file.toString(), FeatureSchema.CURRENT.hash(), ModelFileCheck.sha256(file)));
    }

    /** A CTR model computing sigmoid(weight * candidate_rank_log), with a card made {@code createdAt}. */
    private Path model(String stem, String createdAt, float weight) throws IOException {
        String[] nameAndVersion = stem.split("-", 2);
        return ContractModels.clickModel(models, nameAndVersion[0], nameAndVersion[1], createdAt, FeatureSchema.CURRENT,
                Feature.CANDIDATE_RANK, weight);
    }

    private static BlendedCandidate candidate(String item, int rank, double score) {
        return new BlendedCandidate(item, "cat", 10f, score, CandidateSource.COVISITATION,
                new float[] {(float) score, 0, 0}, rank);
    }

    private static StreamRecord<RankingRequest> request(String recId, String... items) {
        BlendedCandidate[] candidates = new BlendedCandidate[items.length];
        for (int i = 0; i < items.length; i++) {
            candidates[i] = candidate(items[i], i, 1.0 / (i + 1));
        }
        RecommendationRequest request = new RecommendationRequest(recId, "u-" + recId, "s", "e-" + recId, 1,
                new String[0], new UserSnapshot(1, 0, 0, 0, 0, 0, 1, 1, new String[0], new String[0], new double[0]),
                new RequestContext(1_000, DeviceType.DESKTOP, "web", "cat"), null);
        return new StreamRecord<>(new RankingRequest(request, candidates, 0.02), 1_000);
    }
}
