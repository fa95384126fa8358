package dev.funnelflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnelflow.alerts.churn.BgNbdParameters;
import dev.funnelflow.alerts.churn.ChurnModel;
import dev.funnelflow.alerts.churn.LifecycleAlertSettings;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsUseTheBundledChurnModel() {
        LifecycleAlertSettings settings = JobSettings.from(JobConfig.load(null, Map.of())).alerts();
        assertThat(settings.churn().modelVersion()).isEqualTo("churn-bgnbd-fhl2005-cdnow");
        assertThat(settings.churn().aliveThreshold()).isEqualTo(0.3);
        assertThat(settings.churn().minRepeatPurchases()).isEqualTo(2);
        assertThat(settings.churn().checkInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(settings.cartAbandonment().idle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.cartStateTtl()).as("the user state TTL").isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aTrainedModelIsReadFromItsModelsDirectoryOrFile() throws Exception {
        Files.writeString(dir.resolve(ChurnModel.FILE_NAME), """
                {"name": "churn-bgnbd", "model_version": "churn-bgnbd-0123abcd",
                 "params": {"r": 0.5, "alpha": 3.0, "a": 1.5, "b": 4.0}}""");
        for (Path location : new Path[] {dir, dir.resolve(ChurnModel.FILE_NAME)}) {
            LifecycleAlertSettings settings = JobSettings.from(JobConfig.load(null, Map.of(
                    AlertOptions.CHURN_MODEL.key(), location.toString(),
                    AlertOptions.CHURN_ALIVE_THRESHOLD.key(), "0.2",
                    AlertOptions.CART_IDLE.key(), "45 min"))).alerts();
            assertThat(settings.churn().modelVersion()).isEqualTo("churn-bgnbd-0123abcd");
            assertThat(settings.churn().parameters()).isEqualTo(new BgNbdParameters(0.5, 3.0, 1.5, 4.0));
            assertThat(settings.churn().aliveThreshold()).isEqualTo(0.2);
            assertThat(settings.cartAbandonment().idle()).isEqualTo(Duration.ofMinutes(45));
        }
    }

    @Test
    void aMissingOrBrokenModelFailsTheJobAtBuildTimeNamingTheOption() throws Exception {
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> JobSettings.from(JobConfig.load(null, Map.of(
                AlertOptions.CHURN_MODEL.key(), missing.toString()))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("funnelflow.alerts.churn.model: cannot read churn model " + missing);
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"model_version\": \"v\", \"params\": {}}");
        assertThatThrownBy(() -> JobSettings.from(JobConfig.load(null, Map.of(
                AlertOptions.CHURN_MODEL.key(), broken.toString()))))
                .hasMessageContaining("params.r is missing");
    }
}
