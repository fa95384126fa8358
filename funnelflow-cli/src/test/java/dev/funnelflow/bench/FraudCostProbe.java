package dev.funnelflow.bench;

import dev.funnelflow.alerts.Alert;
import dev.funnelflow.alerts.fraud.CrossKeyLookup;
import dev.funnelflow.alerts.fraud.CrossKeySightings;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.control.RuleChange;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import dev.funnelflow.flink.operators.FraudDetectionFunction;
import dev.funnelflow.flink.routing.FraudInput;
import dev.funnelflow.flink.routing.UserInput;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratorSettings;
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
 * Not a test: the CPU fraud-detection spends per event on RocksDB, with the risk cache off and on. Runs only when
 * asked for: {@code mvn -B -o test -pl funnelflow-cli -am -Dtest=FraudCostProbe -Dprobe=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. 200,000 generated events of 2,000 users (seed 42) through the operator
 * alone with the default settings, as they come in the job: in user order, each transactional event followed by its
 * sightings; a barrier every {@link #EVENTS_PER_CHECKPOINT} events, cache sizes alternated in one JVM. Prints thread
 * CPU µs per event and the share of events whose user's risk state the cache held.
 */
@EnabledIfSystemProperty(named = "probe", matches = "true")
class FraudCostProbe {

    private static final int EVENTS = 200_000;
    private static final int USERS = 2_000;
    /** bench's throughput run: about 3,600 events/s over two subtasks, checkpoints every 10 s. */
    private static final int EVENTS_PER_CHECKPOINT = 18_000;

    @Test
    void cpuPerEventWithAndWithoutTheRiskCache() throws Exception {
        List<ClickEvent> events = events();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int[] sizes = {0, 5000};
        Map<Integer, List<Double>> micros = new LinkedHashMap<>();
        for (int round = 0; round < 4; round++) {
            for (int size : sizes) {
                long started = threads.getCurrentThreadCpuTime();
                run(events, size);
                double perEvent = (threads.getCurrentThreadCpuTime() - started) / 1e3 / events.size();
                System.out.printf(Locale.ROOT, "round %d, risk cache %5d: %.1f µs CPU per event%n", round, size,
                        perEvent);
                if (round > 0) { // the first round warms the JIT
                    micros.computeIfAbsent(size, s -> new ArrayList<>()).add(perEvent);
                }
            }
        }
        micros.forEach((size, runs) -> System.out.printf(Locale.ROOT, "risk cache %5d: %s µs CPU per event%n",
                size, runs.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()));
        System.out.printf(Locale.ROOT, "risk cache 5000: %.1f%% of %d events find their user's risk state cached%n",
                100 * CacheHitRate.of(events, 5000), events.size());
    }

    private static void run(List<ClickEvent> events, int riskCache) throws Exception {
        JobSettings settings = JobSettings.from(JobConfig.load(null,
                Map.of("funnelflow.fraud.risk-cache", String.valueOf(riskCache))));
        try (KeyedTwoInputStreamOperatorTestHarness<String, FraudInput, RuleChange, Alert> harness =
                     new KeyedTwoInputStreamOperatorTestHarness<>(new FraudDetectionFunction(settings.fraud(),
                             settings.defaultFraudRules(), settings.forgetHorizon(), settings.fraudRiskCache()),
                             FraudInput::userId, RuleChange::ruleId, Types.STRING, 128, 1, 0)) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
            harness.open();
            int sinceBarrier = 0;
            long checkpoint = 0;
            for (ClickEvent event : events) {
                FraudInput input = FraudInput.inUserOrder(UserInput.of(event));
                harness.processElement1(input, event.eventTime());
                if (input.awaitsSightings()) {
                    harness.processElement1(FraudInput.of(CrossKeyLookup.of(event).withSightings(
                            new CrossKeySightings(new long[] {event.eventTime()}, new long[] {event.eventTime()}))),
                            event.eventTime());
                }
                if (++sinceBarrier == EVENTS_PER_CHECKPOINT) {
                    harness.prepareSnapshotPreBarrier(++checkpoint);
                    harness.snapshot(checkpoint, checkpoint);
                    sinceBarrier = 0;
                }
                harness.getOutput().clear();
            }
        }
    }

    /** 200,000 generated events of 2,000 users (seed 42, none re-sent or malformed), parsed. */
    private static List<ClickEvent> events() {
        ClickstreamGenerator generator = new ClickstreamGenerator(
                GeneratorSettings.defaults().withSeed(42).withUsers(USERS).withEvents(EVENTS)
                .withDuplicateShare(0).withMalformedShare(0));
        EventParser parser = new EventParser(1 << 20, Duration.ofDays(365 * 100));
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            Ingested parsed = parser.parse(generator.next().value(), new RecordOrigin("clickstream", 0, i));
            if (parsed.isAccepted()) {
                events.add(parsed.event());
            }
        }
        return events;
    }
}
