package dev.funnelflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence, lowest first: bundled definition, cluster configuration, {@code --config} file, {@code -D}. */
class JobConfigTest {

    @TempDir
    Path dir;

    @Test
    void clusterConfigurationOverridesTheBundledDefinitionIncludingParallelism() {
        Configuration cluster = Configuration.fromMap(Map.of(
                "parallelism.default", "4",
                "funnelflow.recs.k", "7",
                "execution.checkpointing.dir", "s3://bucket/checkpoints"));

        Configuration config = JobConfig.load(cluster, null, Map.of());

        assertThat(config.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(4);
        assertThat(config.get(FunnelFlowOptions.RECS_K)).isEqualTo(7);
        assertThat(config.getString("execution.checkpointing.dir", null)).isEqualTo("s3://bucket/checkpoints");
        // Keys only the bundled definition sets keep its values.
        assertThat(config.get(FunnelFlowOptions.SESSION_ITEMS)).isEqualTo(5);
        assertThat(config.getString("state.backend.type", null)).isEqualTo("rocksdb");
    }

    @Test
    void configFileOverridesTheClusterAndDynamicPropertiesOverrideTheFile() throws IOException {
        Configuration cluster = Configuration.fromMap(Map.of(
                "parallelism.default", "4", "funnelflow.recs.k", "7", "funnelflow.session.items", "3"));
        Path file = Files.writeString(dir.resolve("job.yaml"), """
                parallelism: {default: 3}
                funnelflow.recs.k: 9
                """);

        Configuration config = JobConfig.load(cluster, file, Map.of("funnelflow.recs.k", "11"));

        assertThat(config.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(3);
        assertThat(config.get(FunnelFlowOptions.RECS_K)).isEqualTo(11);
        assertThat(config.get(FunnelFlowOptions.SESSION_ITEMS)).isEqualTo(3);
    }

    @Test
    void withoutAClusterTheBundledDefinitionIsTheBase() {
        Configuration config = JobConfig.load(null, Map.of("funnelflow.recs.k", "12"));

        assertThat(config.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);
        assertThat(config.get(FunnelFlowOptions.RECS_K)).isEqualTo(12);
    }
}
