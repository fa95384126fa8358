package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSetTest {

    private static final float NAN = Float.NaN;

    @TempDir
    Path dir;

    @Test
    void outputsAreFiniteWhenEveryModelTheSetHasGaveANumberForEveryRow() throws Exception {
        FeatureSchema schema = FeatureSchema.CURRENT;
        try (OnnxRanker click = OnnxRanker.load(
                ContractModels.linear(dir, "m", schema, new float[schema.size()], 0, true), schema)) {
            ModelSet clickOnly = new ModelSet(click, null);

            assertThat(clickOnly.allFinite(new float[] {0.3f, NAN, 0.1f, NAN})).as("no CVR model: its NaN is absence")
                    .isTrue();
            assertThat(clickOnly.allFinite(new float[] {0.3f, NAN, NAN, NAN})).isFalse();
            assertThat(clickOnly.allFinite(new float[] {Float.POSITIVE_INFINITY, NAN})).isFalse();
            assertThat(new ModelSet(click, click).allFinite(new float[] {0.3f, NAN})).isFalse();
            assertThat(ModelSet.NONE.allFinite(new float[] {NAN, NAN})).isTrue();
        }
    }
}
