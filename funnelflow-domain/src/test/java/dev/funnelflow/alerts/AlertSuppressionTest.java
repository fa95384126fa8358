package dev.funnelflow.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertSuppressionTest {

    private static final long HOUR = 3_600_000;

    @Test
    void oneAlertPerWindowUnlessSeverityRises() {
        AlertSuppression suppression = new AlertSuppression();
        assertThat(suppression.admit(0, Severity.MEDIUM, HOUR)).isTrue();
        assertThat(suppression.admit(HOUR / 2, Severity.MEDIUM, HOUR)).isFalse();
        assertThat(suppression.admit(HOUR / 2, Severity.LOW, HOUR)).isFalse();
        assertThat(suppression.admit(HOUR / 2 + 1, Severity.HIGH, HOUR)).as("severity rises").isTrue();
        assertThat(suppression.admit(HOUR, Severity.HIGH, HOUR)).as("window restarts at the last alert").isFalse();
        assertThat(suppression.admit(HOUR / 2 + 1 + HOUR, Severity.LOW, HOUR)).as("window over").isTrue();
    }
}
