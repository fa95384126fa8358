package dev.funnelflow.bench;

import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.control.ForgetUser;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.operators.UserActivityFunction;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.job.ClickstreamJob;
import dev.funnelflow.recs.ItemSignal;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the CPU user-activity spends per event on RocksDB, with the profile cache off and on, for
 * {@code docs/performance-history.md}. Runs only when asked for:
 * {@code mvn -B -o test -pl funnelflow-cli -am -Dtest=UserActivityCostProbe -Dprobe=true -Dsurefire.failIfNoSpecifiedTests=false}.
 * One subtask's share of bench's events (seed 42) through the operator alone (no network, no other operator), a barrier
 * every {@link #EVENTS_PER_CHECKPOINT} events, cache sizes alternated in one JVM; prints thread CPU µs per event and
 * the share of accepted events whose profile the cache held.
 */
@EnabledIfSystemProperty(named = "probe", matches = "true")
class UserActivityCostProbe {

    private static final int EVENTS = 60_000;
    /** bench's throughput run: about 3,600 events/s over two subtasks, checkpoints every 10 s. */
    private static final int EVENTS_PER_CHECKPOINT = 18_000;

    @Test
    void cpuPerEventWithAndWithoutTheProfileCache() throws Exception {
        List<ClickEvent> events = events();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int[] sizes = {0, 5000};
        Map<Integer, List<Double>> micros = new LinkedHashMap<>();
        for (int round = 0; round < 4; round++) {
            for (int size : sizes) {
                long started = threads.getCurrentThreadCpuTime();
                run(events, size);
                double perEvent = (threads.getCurrentThreadCpuTime() - started) / 1e3 / events.size();
                if (round > 0) { // the first round warms the JIT
                    micros.computeIfAbsent(size, s -> new ArrayList<>()).add(perEvent);
                }
            }
        }
        micros.forEach((size, runs) -> System.out.printf(Locale.ROOT, "profile cache %5d: %s µs CPU per event%n",
                size, runs.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()));
        System.out.printf(Locale.ROOT, "profile cache 5000: %.1f%% of events find their user's profile cached%n",
                100 * CacheHitRate.of(events, 5000));
    }

    private static void run(List<ClickEvent> events, int profileCache) throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null,
                Map.of("funnelflow.user.profile-cache", String.valueOf(profileCache))));
        try (KeyedTwoInputStreamOperatorTestHarness<String, ClickEvent, ForgetUser, ItemSignal> harness =
                     new KeyedTwoInputStreamOperatorTestHarness<>(
                             new UserActivityFunction(ClickstreamJob.userActivity(settings)), ClickEvent::userId,
                             ForgetUser::userId, Types.STRING)) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            harness.open();
            int sinceBarrier = 0;
            long checkpoint = 0;
            for (ClickEvent event : events) {
                harness.processElement1(event, event.eventTime());
                if (++sinceBarrier == EVENTS_PER_CHECKPOINT) {
                    harness.prepareSnapshotPreBarrier(++checkpoint);
                    harness.snapshot(checkpoint, checkpoint);
                    sinceBarrier = 0;
                }
                // Like bench's task, keep only what a network output would have taken.
                harness.getOutput().clear();
            }
        }
    }

    /** Bench's 60,000 generated events (seed 42), parsed; the valid ones of users on one of two subtasks. */
    private static List<ClickEvent> events() {
        ClickstreamGenerator generator = new ClickstreamGenerator(
                GeneratorSettings.defaults().withSeed(42).withEvents(EVENTS));
        EventParser parser = new EventParser(1 << 20, Duration.ofDays(365 * 100));
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            Ingested parsed = parser.parse(generator.next().value(), new RecordOrigin("clickstream", 0, i));
            if (parsed.isAccepted() && (parsed.event().userId().hashCode() & 1) == 0) {
                events.add(parsed.event());
            }
        }
        return events;
    }
}
