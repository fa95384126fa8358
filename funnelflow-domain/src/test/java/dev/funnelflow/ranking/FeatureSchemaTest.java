package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSchemaTest {

    @Test
    void namesFollowTheFeatureOrderAndAreUnique() {
        List<String> names = FeatureSchema.CURRENT.names();

        assertThat(names).hasSize(Feature.values().length).startsWith("user_new", "user_recency_log_hours")
                .endsWith("source_covisitation", "source_category_popular", "source_popular");
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(name -> name.matches("[a-z_]+"));
    }

    /**
     * Pins the hash: models and logged examples carry it. If this fails, the feature list changed: bump
     * {@link FeatureSchema#VERSION} when a computation changed too, and update this value and models/README.md.
     * Python computes the same: {@code sha256(("funnelflow-features/v2\n" + "\n".join(names)).encode())}.
     */
    @Test
    void hashIsStableAndDocumented() {
        assertThat(FeatureSchema.CURRENT.hash())
                .isEqualTo("575ed267f6a45a7a74c51888461d737192507e5863affd0a019400fd27cec319")
                .matches("[0-9a-f]{64}");
    }

    @Test
    void hashChangesWithVersionOrderOrNames() {
        FeatureSchema current = FeatureSchema.CURRENT;
        String[] swapped = current.names().toArray(new String[0]);
        String first = swapped[0];
        swapped[0] = swapped[1];
        swapped[1] = first;

        assertThat(new FeatureSchema(current.version() + 1, current.names()).hash()).isNotEqualTo(current.hash());
        assertThat(new FeatureSchema(current.version(), Arrays.asList(swapped)).hash()).isNotEqualTo(current.hash());
        assertThat(new FeatureSchema(current.version(), current.names().subList(1, current.size())).hash())
                .isNotEqualTo(current.hash());
        assertThat(new FeatureSchema(current.version(), current.names()).hash()).isEqualTo(current.hash());
    }
}
