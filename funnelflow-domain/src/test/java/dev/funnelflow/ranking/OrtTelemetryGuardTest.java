package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrtTelemetryGuardTest {

    @Test
    void aLongCommandLineNeedsTelemetryDisabled() {
        assertThat(OrtTelemetryGuard.problem(null, 5000))
                .contains("5000 bytes")
                .contains("ORT_DISABLE_TELEMETRY=1");
        assertThat(OrtTelemetryGuard.problem("0", 5000)).isNotNull();
    }

    @Test
    void aShortCommandLineOrDisabledTelemetryIsSafe() {
        assertThat(OrtTelemetryGuard.problem(null, 1000)).isNull();
        assertThat(OrtTelemetryGuard.problem("1", 100_000)).isNull();
    }
}
