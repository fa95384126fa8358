package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRankerTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;
    private static final int F = SCHEMA.size();

    @TempDir
    Path dir;

    @Test
    void scoresAContractModelAndOneBatchEqualsRowByRow() throws Exception {
        float[] weights = randomRows(1, 1);
        Path model = ContractModels.linear(dir, "m", SCHEMA, weights, -0.5f, true);
        float[] rows = randomRows(300, 2); // more than the initial buffer: it grows

        try (OnnxRanker ranker = OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU)) {
            float[] batch = ranker.score(rows, 300);

            assertThat(ranker.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(ranker.card().modelVersion()).isEqualTo("contract-1");
            for (int row = 0; row < 300; row++) {
                double logit = -0.5;
                for (int f = 0; f < F; f++) {
                    logit += weights[f] * rows[row * F + f];
                }
                assertThat((double) batch[row]).isCloseTo(1 / (1 + Math.exp(-logit)), within(1e-6));
                float[] single = ranker.score(Arrays.copyOfRange(rows, row * F, (row + 1) * F), 1);
                assertThat(single[0]).isEqualTo(batch[row]);
            }
            assertThat(ranker.score(rows, 0)).isEmpty();
        }
    }

    @Test
    void rejectsAModelBuiltForOtherFeatures() throws IOException {
        Path model = ContractModels.linear(dir, "m", SCHEMA, new float[F], 0, true);
        FeatureSchema older = new FeatureSchema(SCHEMA.version() - 1, SCHEMA.names());
        ContractModels.card(older, "features", "p_click", null).write(ModelCard.pathFor(model));

        assertThatThrownBy(() -> OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("feature schema hash " + older.hash())
                .hasMessageContaining("differs from this build's " + SCHEMA.hash())
                .hasMessageContaining("retrain");
    }

    @Test
    void servesAFileOnlyIfItsBytesHashToWhatItsCardRecords() throws Exception {
        Path model = ContractModels.linear(dir, "m", SCHEMA, new float[F], 0, true);
        Path cardFile = ModelCard.pathFor(model);
        ModelCard card = ModelCard.read(cardFile);
        card.withModelSha256(Files.readAllBytes(model)).write(cardFile);
        try (OnnxRanker ranker = OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU)) {
            assertThat(ranker.featureCount()).isEqualTo(F);
        }

        card.withModelSha256("another model".getBytes(StandardCharsets.UTF_8)).write(cardFile);
        assertThatThrownBy(() -> OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("is not the " + ModelCard.sha256("another model".getBytes(StandardCharsets.UTF_8))
                        + " its card records");
    }

    @Test
    void rejectsACardWhoseFeaturesDoNotMatchItsHash() throws IOException {
        Path model = ContractModels.linear(dir, "m", SCHEMA, new float[F], 0, true);
        ModelCard card = ModelCard.read(ModelCard.pathFor(model));
        List<String> reversed = new ArrayList<>(SCHEMA.names());
        Collections.reverse(reversed);
        new ModelCard(card.name(), card.version(), card.label(), null, null, null,
                new ModelCard.SchemaSection(SCHEMA.version(), SCHEMA.hash(), reversed), card.input(), card.output(),
                null, null, null, null).write(ModelCard.pathFor(model));

        assertThatThrownBy(() -> OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("lists other features");
    }

    @Test
    void rejectsABrokenModelFile() throws IOException {
        Path good = ContractModels.linear(dir, "good", SCHEMA, new float[F], 0, true);
        Path truncated = dir.resolve("truncated.onnx");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Files.copy(ModelCard.pathFor(good), ModelCard.pathFor(truncated));
        Path text = dir.resolve("text.onnx");
        Files.writeString(text, "this is not a model");
        Files.copy(ModelCard.pathFor(good), ModelCard.pathFor(text));

        for (Path broken : List.of(truncated, text)) {
            assertThatThrownBy(() -> OnnxRanker.load(broken, SCHEMA, ExecutionProvider.CPU))
                    .isInstanceOf(ModelRejectedException.class)
                    .hasMessageStartingWith(broken + ": not a loadable ONNX model: ");
        }
    }

    @Test
    void rejectsAModelWithoutCardOrWithAnUnreadableOne() throws IOException {
        Path model = ContractModels.linear(dir, "m", SCHEMA, new float[F], 0, true);
        Files.writeString(ModelCard.pathFor(model), "{not json");

        assertThatThrownBy(() -> OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("unreadable model card");

        Files.delete(ModelCard.pathFor(model));
        assertThatThrownBy(() -> OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessage(model + ": no model card m.json beside it (see models/README.md)");
    }

    @Test
    void rejectsAGraphThatDoesNotMatchItsCard() throws IOException {
        Path narrow = ContractModels.linear(dir, "narrow", SCHEMA, new float[F - 1], 0, true);
        assertThatThrownBy(() -> OnnxRanker.load(narrow, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("input 'features' has shape [-1, " + (F - 1) + "], expected [batch, " + F + "]");

        Path renamed = ContractModels.linear(dir, "renamed", SCHEMA, new float[F], 0, true);
        ContractModels.card(SCHEMA, "features", "probability", null).write(ModelCard.pathFor(renamed));
        assertThatThrownBy(() -> OnnxRanker.load(renamed, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("no output named 'probability'; the graph has [p_click]");

        ContractModels.card(SCHEMA, "features", "p_click", 1).write(ModelCard.pathFor(renamed));
        assertThatThrownBy(() -> OnnxRanker.load(renamed, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("output.positive_index 1 is outside the 1 output columns");
    }

    /** This machine has no CUDA (nor the GPU build): the ranker must say so once and score on CPU. */
    @Test
    void fallsBackToCpuWhenCudaCannotStart() throws Exception {
        Path model = ContractModels.linear(dir, "m", SCHEMA, ContractModels.firstFeature(F), 0, false);
        float[] row = new float[F];
        row[0] = 0.25f;

        try (OnnxRanker ranker = OnnxRanker.load(model, SCHEMA, ExecutionProvider.CUDA)) {
            assertThat(ranker.provider()).isEqualTo(ExecutionProvider.CPU);
            assertThat(ranker.score(row, 1)).containsExactly(0.25f);
        }
    }

    @Test
    void refusesAModelThatScoresNaNInItsTestRunAndClosesItsSession() throws IOException {
        Path model = ContractModels.linear(dir, "m", SCHEMA, new float[F], Float.NaN, true);

        assertThatThrownBy(() -> OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU))
                .isInstanceOf(ModelRejectedException.class)
                .hasMessageContaining("scored NaN for all-zero features in its test run");
    }

    @Test
    void aModelThatPassesItsTestRunMayStillFailOnLiveRowsAndSaysSo() throws Exception {
        Path failing = ContractModels.failingWhileScoring(dir);
        float[] rows = randomRows(3, 3);

        try (OnnxRanker ranker = OnnxRanker.load(failing, SCHEMA, ExecutionProvider.CPU)) {
            assertThat(ranker.score(ModelProbe.rows(SCHEMA), ModelProbe.ROWS)).hasSize(ModelProbe.ROWS);
            assertThatThrownBy(() -> ranker.score(rows, 3)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ctr-failing failed to score 3 rows");
            assertThatThrownBy(() -> ranker.score(rows, 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theNaNWhereNegativeModelGivesNaNOnlyWhereItsFeatureIsNegative() throws Exception {
        Path model = ContractModels.nanWhereNegative(dir, "ctr", "nan", "2026-01-01T00:00:00Z", SCHEMA,
                Feature.CANDIDATE_SCORE, 1);
        float[] rows = new float[2 * F];
        rows[F + Feature.CANDIDATE_SCORE.ordinal()] = -1;

        try (OnnxRanker ranker = OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU)) {
            float[] scores = ranker.score(rows, 2);
            assertThat(scores[0]).isEqualTo(0.5f);
            assertThat(scores[1]).isNaN();
        }
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        OnnxRanker ranker = OnnxRanker.load(ContractModels.linear(dir, "m", SCHEMA, new float[F], 0, true), SCHEMA);
        ranker.close();
        ranker.close();
    }

    @Test
    void refusesTooFewValuesForTheRowsAskedFor() throws Exception {
        Path model = ContractModels.linear(dir, "m", SCHEMA, new float[F], 0, true);
        try (OnnxRanker ranker = OnnxRanker.load(model, SCHEMA, ExecutionProvider.CPU)) {
            assertThatThrownBy(() -> ranker.score(new float[F], 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("2 rows need " + 2 * F + " values, got " + F);
        }
    }

    private static float[] randomRows(int rows, long seed) {
        Random random = new Random(seed);
        float[] values = new float[rows * F];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
