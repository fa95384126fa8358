package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.config.AlertOptions;
import dev.funnelflow.config.ControlOptions;
import dev.funnelflow.config.DemandOptions;
import dev.funnelflow.config.FraudOptions;
import dev.funnelflow.config.FunnelFlowOptions;
import dev.funnelflow.config.PrivacyOptions;
import dev.funnelflow.config.RankingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README documents every option and names the command CI runs. */
class ReadmeTest {

    private final String readme = read("README.md");

    @ParameterizedTest
    @ValueSource(classes = {FunnelFlowOptions.class, DemandOptions.class, AlertOptions.class, FraudOptions.class,
            RankingOptions.class, PrivacyOptions.class, ControlOptions.class})
    void documentsEveryOption(Class<?> options) throws Exception {
        for (Field field : options.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
                ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                assertThat(readme).as("README documents %s", option.key()).contains("| `" + option.key() + "` |");
            }
        }
    }

    @Test
    void testCommandIsWhatCiRuns() {
        assertThat(read(".ci/run")).contains("\nmvn -B verify\n");
        assertThat(readme).contains("\nmvn -B verify\n");
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
