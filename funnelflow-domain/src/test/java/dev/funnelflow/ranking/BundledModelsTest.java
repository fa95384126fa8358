package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The models in models/ serve with this build's features: change the features, retrain them (models/README.md). */
class BundledModelsTest {

    static List<Path> bundledModels() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("models"))) {
            return files.filter(file -> file.toString().endsWith(".onnx")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("bundledModels")
    void loadsAndScoresProbabilities(Path model) throws Exception {
        try (OnnxRanker ranker = OnnxRanker.load(model, FeatureSchema.CURRENT)) {
            float[] probabilities = ranker.score(new float[2 * ranker.featureCount()], 2);
            for (float p : probabilities) {
                assertThat(p).isBetween(0f, 1f);
            }
            assertThat(ranker.card().label()).isIn("click", "convert");
        }
    }
}
