package dev.funnelflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchThroughputTest {

    private final Map<String, Double> cpuSeconds = new LinkedHashMap<>();

    @Test
    void ratesOverTheOutputSpanAndSplitsTheCpuAJobPaysWhateverItsOperatorsDo() {
        cpuSeconds.put("candidate-lists", 0.50);
        cpuSeconds.put(NativeThreadCpu.ROCKSDB, 0.25);
        cpuSeconds.put(StageCpu.KAFKA_BROKER, 0.125);
        cpuSeconds.put(NativeThreadCpu.JIT, 0.0625);
        cpuSeconds.put(StageCpu.stageOf("main"), 0.03125);
        cpuSeconds.put(StageCpu.HARNESS, 0.5);
        Bench.Throughput run = new Bench.Throughput(1_000, 2.0, 3.0, cpuSeconds,
                new TopicVolume(Map.of("recommendations", 3_000L, "alerts", 0L), Map.of("recommendations", 900L)), Map.of());

        assertThat(run.eventsPerSecond()).isEqualTo(500.0);
        assertThat(run.platformCpuSeconds()).isCloseTo(0.21875, within(1e-9));
        assertThat(run.cpuMicrosPerEvent()).containsEntry("total", 1_469L).containsEntry("candidate-lists", 500L);
        assertThat(run.outputBytesPerEvent()).containsOnly(entry("total", 3L), entry("recommendations", 3L));
    }
}
