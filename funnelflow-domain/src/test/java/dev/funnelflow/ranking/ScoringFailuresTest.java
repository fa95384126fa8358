package dev.funnelflow.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringFailuresTest {

    @Test
    void logsTheFirstFailureOfEachVersionThenEveryPowerOfTen() {
        ScoringFailures failures = new ScoringFailures();
        List<Long> logged = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            long count = failures.record("ctr-a");
            if (count > 0) {
                logged.add(count);
            }
        }
        assertThat(logged).containsExactly(1L, 10L, 100L, 1_000L);
        assertThat(failures.record("ctr-b")).as("counted per version").isEqualTo(1);
    }
}
