package dev.funnelflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class StageCpuTest {

    @Test
    void taskThreadsCountForTheirOperatorChainAndKafkaClientThreadsForTheirRole() {
        assertThat(StageCpu.stageOf("candidate-lists (2/2)#0")).isEqualTo("candidate-lists");
        assertThat(StageCpu.stageOf("rank -> encode-recommendations -> recommendations-sink: Writer (1/2)#3"))
                .isEqualTo("rank -> encode-recommendations -> recommendations-sink: Writer");
        assertThat(StageCpu.stageOf("OutputFlusher for user-activity")).isEqualTo("user-activity");
        assertThat(StageCpu.stageOf("System Time Trigger for candidate-lists (1/2)#0")).isEqualTo("candidate-lists");
        // The broker runs in a process of its own; a Kafka thread here is a client's.
        assertThat(StageCpu.stageOf("kafka-admin-client-thread | adminclient-1")).isEqualTo("other JVM threads");
        assertThat(StageCpu.stageOf("kafka-producer-network-thread | producer-bench-1-alerts-0-2"))
                .isEqualTo("Kafka producers (sinks and committers)");
        assertThat(StageCpu.stageOf("Source Data Fetcher for Source: clickstream (1/2)"))
                .isEqualTo("Kafka consumers (source fetchers)");
        assertThat(StageCpu.stageOf("AsyncOperations-thread-3")).isEqualTo("checkpoints (asynchronous snapshot parts)");
        assertThat(StageCpu.stageOf("bench-stage-cpu")).isEqualTo(StageCpu.HARNESS);
        assertThat(StageCpu.stageOf("main")).isEqualTo("other JVM threads");
    }

    @Test
    void nativeThreadsCountByKindOnLinux() {
        assertThat(NativeThreadCpu.kindOf("C2 CompilerThre")).isEqualTo(NativeThreadCpu.JIT);
        assertThat(NativeThreadCpu.kindOf("G1 Conc#0")).isEqualTo(NativeThreadCpu.GC);
        assertThat(NativeThreadCpu.kindOf("GC Thread#1")).isEqualTo(NativeThreadCpu.GC);
        assertThat(NativeThreadCpu.kindOf("rocksdb:low")).isEqualTo(NativeThreadCpu.ROCKSDB);
        assertThat(NativeThreadCpu.kindOf("Thread-32")).isNull();
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")));
        NativeThreadCpu natives = new NativeThreadCpu();
        natives.sample();
        assertThat(natives.nanos()).containsKeys(NativeThreadCpu.JIT, NativeThreadCpu.GC);
    }

    @Test
    void aThreadThatEndsBeforeTheMeasurementDoesKeepsItsTime() throws Exception {
        CountDownLatch sampled = new CountDownLatch(1);
        Thread task = new Thread(() -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (threads.getCurrentThreadCpuTime() < 300_000_000L) {
                Thread.onSpinWait();
            }
            try {
                sampled.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "busy-stage (1/1)#0");
        StageCpu cpu = StageCpu.start();
        try (cpu) {
            task.start();
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> cpu.seconds().getOrDefault("busy-stage", 0.0) >= 0.3);
            sampled.countDown();
            task.join();
        }
        assertThat(cpu.seconds().get("busy-stage")).isGreaterThanOrEqualTo(0.3);
        assertThat(cpu.seconds()).containsKey(StageCpu.UNATTRIBUTED);
    }

    @Test
    void theBrokerProcessCountsWithAllTheCpuItSpentMeanwhile() {
        Duration[] brokerCpu = {Duration.ofMillis(1_500)};
        StageCpu cpu = StageCpu.start(() -> Optional.of(brokerCpu[0]));
        brokerCpu[0] = Duration.ofMillis(1_750);
        cpu.close();
        assertThat(cpu.seconds()).containsEntry(StageCpu.KAFKA_BROKER, 0.25);

        StageCpu withoutBroker = StageCpu.start();
        withoutBroker.close();
        assertThat(withoutBroker.seconds()).doesNotContainKey(StageCpu.KAFKA_BROKER);
    }
}
