package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    private static final FeatureSchema SCHEMA = FeatureSchema.CURRENT;

    @TempDir
    Path models;

    @Test
    void loadsInTheBackgroundHandsResultsOverInOrderAndIgnoresAPromotionOlderThanTheAcceptedOne() throws Exception {
        Path a = click("a", "2026-01-01T00:00:00Z");
        try (ModelLoader loader = new ModelLoader(Map.of(Variant.CHAMPION, models), SCHEMA, ExecutionProvider.CPU,
                "test-loader")) {
            loader.poll().get(1, TimeUnit.MINUTES);
            ModelLoader.Loaded first = loader.next();
            assertThat(first.before()).isNull();
            assertThat(first.update().models().version()).isEqualTo("ctr-a");
            assertThat(loader.next()).isNull();

            Path b = click("b", "2026-02-01T00:00:00Z");
            loader.promote(promotion("p2", 2, b, "ctr-b"));
            loader.promote(promotion("p1", 1, a, "ctr-a")); // issued before p2
            loader.settled().get(1, TimeUnit.MINUTES);

            ModelLoader.Loaded promoted = loader.next();
            assertThat(promoted.promotionId()).isEqualTo("p2");
            assertThat(promoted.update().models().version()).isEqualTo("ctr-b");
            assertThat(promoted.update().retired()).extracting(r -> r.card().modelVersion()).containsExactly("ctr-a");
            ModelLoader.Loaded ignored = loader.next();
            assertThat(ignored.promotionId()).isEqualTo("p1");
            assertThat(ignored.update().swapped()).isFalse();
            assertThat(ignored.update().rejections()).isEmpty();
        }
    }

    @Test
    void aModelFailingItsTestRunIsReportedAsARejection() throws Exception {
        Path nan = ContractModels.linear(models, "ctr-nan", SCHEMA, new float[SCHEMA.size()], Float.NaN, true);
        ContractModels.servingCard("ctr", "nan", "2026-01-01T00:00:00Z", SCHEMA).write(ModelCard.pathFor(nan));
        try (ModelLoader loader = new ModelLoader(Map.of(Variant.CHAMPION, models), SCHEMA, ExecutionProvider.CPU,
                "test-loader")) {
            loader.poll().get(1, TimeUnit.MINUTES);
            ModelLoader.Loaded loaded = loader.next();
            assertThat(loaded.update().swapped()).isFalse();
            assertThat(loaded.update().rejections()).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("scored NaN for all-zero features"));
        }
    }

    @Test
    void closingClosesTheModelsItLoaded() throws Exception {
        click("a", "2026-01-01T00:00:00Z");
        ModelLoader loader = new ModelLoader(Map.of(Variant.CHAMPION, models), SCHEMA, ExecutionProvider.CPU,
                "test-loader");
        loader.poll().get(1, TimeUnit.MINUTES);
        OnnxRanker serving = loader.next().update().models().model(ExampleLabel.CLICK);
        loader.close();

        assertThatThrownBy(() -> serving.score(new float[SCHEMA.size()], 1)).isInstanceOf(IllegalStateException.class);
    }

    private Path click(String version, String createdAt) throws Exception {
        return ContractModels.clickModel(models, "ctr", version, createdAt, SCHEMA, Feature.CANDIDATE_RANK, 1);
    }

    private static ModelLoader.Promotion promotion(String id, long issuedAt, Path file, String version) {
        return new ModelLoader.Promotion(id, issuedAt, Variant.CHAMPION, ExampleLabel.CLICK, file, version,
                SCHEMA.hash(), () -> null);
    }
}
