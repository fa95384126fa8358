package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratedRecord;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.io.KafkaTopicsAdmin;
import dev.funnelflow.io.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under failure on a real cluster (DESIGN.md §6 "Reliability"): the job jar submitted over REST to the
 * multi-process cluster of {@code deploy/local} (a JobManager, two TaskManagers and a Kafka broker, each its own
 * JVM), a TaskManager killed with SIGKILL or the broker restarted mid-run, and every output read back
 * committed-only: each recommendation (one per triggering event id) and each dead letter (one per bad input
 * record, keyed by its topic, partition and offset) is there exactly once.
 *
 * <p>The work dir {@code target/local-cluster-failure-it} keeps every process's log after the run.
 */
class LocalClusterFailureIT {

    /** Clickstream records per scenario; the first {@link #WARM_UP} teach the shop its items before the failure. */
    private static final int EVENTS = 20_000;
    private static final int WARM_UP = 2_000;
    private static final Path WORK_DIR = Path.of("target", "local-cluster-failure-it").toAbsolutePath();
    private static final Path JOB_JAR = Path.of("target", "funnelflow-job.jar");
    private static final int TASK_MANAGERS = 2;

    private static LocalCluster cluster;
    /** True while the broker holds nothing but empty topics, i.e. until a scenario writes to it. */
    private static boolean brokerFresh;

    @FunctionalInterface
    private interface Failure {
        void inject() throws Exception;
    }

    @BeforeAll
    static void startCluster() throws Exception {
        assertThat(JOB_JAR).as("the job jar (built by `mvn package`, which runs before this test)").exists();
        deleteRecursively(WORK_DIR);
        Files.createDirectories(WORK_DIR);
        long start = System.nanoTime();
        cluster = LocalCluster.start(WORK_DIR, TASK_MANAGERS);
        brokerFresh = true;
        report("cluster (broker, topics, JobManager, 2 TaskManagers) started in %d ms", millisSince(start));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killingATaskManagerLosesAndDuplicatesNoOutput() throws Exception {
        runScenario("TaskManager kill -9", () -> {
            cluster.killHard("taskmanager-1");
            cluster.run("start", "taskmanager");
        });
    }

    @Test
    void restartingTheBrokerLosesAndDuplicatesNoOutput() throws Exception {
        runScenario("broker restart", () -> {
            cluster.run("stop", "kafka");
            cluster.run("start", "kafka");
        });
    }

    private static void runScenario(String name, Failure failure) throws Exception {
        long scenarioStart = System.nanoTime();
        if (!brokerFresh) {
            resetBroker();
        }
        brokerFresh = false;
        List<GeneratedRecord> records = new ClickstreamGenerator(GeneratorSettings.defaults()
                .withSeed(2026).withUsers(5_000).withCatalog(2_000, 40).withEvents(EVENTS)).stream(EVENTS).toList();
        List<GeneratedRecord> warmUp = records.subList(0, WARM_UP);
        List<GeneratedRecord> main = records.subList(WARM_UP, records.size());
        // A duplicate in the main part of a warm-up event is a dead letter, not a trigger.
        Set<String> warmUpTriggers = E2e.triggeringEventIds(warmUp);
        Set<String> expectedTriggers = E2e.triggeringEventIds(main);
        expectedTriggers.removeAll(warmUpTriggers);

        String bootstrap = cluster.kafkaBootstrap();
        List<RecordMetadata> positions = new ArrayList<>(E2e.produce(bootstrap, inputs(warmUp)));
        String jobId = cluster.run("submit", jobArguments(bootstrap).toArray(String[]::new));
        try (CommittedOutputs outputs = new CommittedOutputs(bootstrap)) {
            // The first events of an empty shop get no list (nothing to recommend yet); the main part starts once the
            // warm-up is committed, so every one of its triggers has popular items at least.
            awaitOutputs(outputs, "warm-up recommendations", Duration.ofMinutes(2),
                    () -> outputs.recommendations.size() >= warmUpTriggers.size() * 9 / 10);
            positions.addAll(E2e.produce(bootstrap, inputs(main)));
            Set<String> expectedDeadLetters = new HashSet<>();
            for (int i = 0; i < records.size(); i++) {
                if (!records.get(i).isGood()) {
                    expectedDeadLetters.add(position(Topic.CLICKSTREAM.topicName(), positions.get(i).partition(),
                            positions.get(i).offset()));
                }
            }

            awaitOutputs(outputs, "a quarter of the recommendations before the failure", Duration.ofMinutes(2),
                    () -> answered(outputs, expectedTriggers).size() >= expectedTriggers.size() / 4);
            int committedBefore = answered(outputs, expectedTriggers).size();
            long failureAt = System.currentTimeMillis();
            failure.inject();
            long failureMillis = System.currentTimeMillis() - failureAt;
            JsonNode recovery = awaitCheckpointAfter(jobId, failureAt);
            report("%s: injected with %d of %d recommendations committed, took %d ms; %s", name, committedBefore,
                    expectedTriggers.size(), failureMillis, describeRecovery(recovery, failureAt));

            awaitOutputs(outputs, "every recommendation and dead letter", Duration.ofMinutes(3),
                    () -> answered(outputs, expectedTriggers).size() >= expectedTriggers.size()
                            && outputs.deadLetters.size() >= expectedDeadLetters.size());
            // The operability metrics reach Prometheus (counts are checked in JobMetricsTest).
            String metrics = cluster.prometheusMetrics();
            for (String metric : List.of("operator_eventsAccepted{", "operator_error_deadLetters{",
                    "operator_recommendationLatencyMs{")) {
                assertThat(metrics.lines()).as("Prometheus serves %s of job %s", metric, jobId)
                        .anyMatch(line -> line.contains(metric) && line.contains("job_id=\"" + jobId + "\""));
            }
            // Past the point where everything arrived, more checkpoints must add nothing.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(15)).until(() -> {
                outputs.poll();
                return true;
            });

            Map<String, Long> answersPerTrigger = outputs.recommendations.stream()
                    .map(r -> r.get("trigger_event_id").asText())
                    .filter(expectedTriggers::contains)
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(answersPerTrigger.keySet()).as("a recommendation for every triggering event")
                    .isEqualTo(expectedTriggers);
            assertThat(answersPerTrigger).as("no recommendation twice").allSatisfy((id, n) -> assertThat(n).isOne());
            List<String> recIds = outputs.recommendations.stream().map(r -> r.get("rec_id").asText()).toList();
            assertThat(new HashSet<>(recIds)).as("rec_id unique across the run").hasSameSizeAs(recIds);

            List<String> deadLetterPositions = outputs.deadLetters.stream()
                    .map(d -> position(d.get("source_topic").asText(), d.get("partition").asInt(), d.get("offset").asLong()))
                    .toList();
            assertThat(deadLetterPositions).as("each bad record dead-lettered exactly once")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expectedDeadLetters);
            report("%s: %d events, %d recommendations and %d dead letters exactly once; scenario took %d ms", name,
                    records.size(), expectedTriggers.size(), expectedDeadLetters.size(), millisSince(scenarioStart));
        } finally {
            cluster.cancel(jobId);
            await().atMost(Duration.ofSeconds(60)).until(() -> isTerminal(cluster.get("/jobs/" + jobId)));
        }
    }

    /** Job arguments as users pass them to {@code deploy/local/submit}: checkpoints every second, unique sinks. */
    private static List<String> jobArguments(String bootstrap) {
        Map<String, String> options = new HashMap<>(E2e.testJobOptions(bootstrap, "failure-it-" + UUID.randomUUID()));
        options.put("execution.checkpointing.interval", "1 s");
        options.put("execution.checkpointing.min-pause", "500 ms");
        return options.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** A fresh broker with empty topics: stop it, drop its data, start it again with the scripts, create the topics. */
    private static void resetBroker() throws Exception {
        cluster.run("stop", "kafka");
        deleteRecursively(cluster.workDir().resolve("kafka-data"));
        cluster.run("start", "kafka");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap()))) {
            KafkaTopicsAdmin.createTopics(admin, E2e.TOPICS, (short) 1, Duration.ofSeconds(60));
        }
    }

    /**
     * Waits for the first checkpoint the job completes after the failure started: from then on it commits outputs
     * again. Returns Flink's checkpoint statistics at that moment.
     */
    private static JsonNode awaitCheckpointAfter(String jobId, long failureAt) {
        JsonNode[] statistics = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .alias("a checkpoint completed after the failure")
                .ignoreExceptions()
                .until(() -> {
                    replaceDeadTaskManagers();
                    statistics[0] = cluster.get("/jobs/" + jobId + "/checkpoints");
                    JsonNode completed = statistics[0].path("latest").path("completed");
                    return completed.path("trigger_timestamp").asLong(0) > failureAt;
                });
        return statistics[0];
    }

    /**
     * What a supervisor (Kubernetes, systemd) does: a TaskManager that died on its own is replaced. A failover can
     * take down a surviving TaskManager too (Flink 2.2 escalates a lost connection, rethrown while a failing task
     * releases its input buffers, to a fatal error of the whole process); without a replacement the job would wait
     * for slots forever. Reported, so that a run shows when it happened.
     */
    private static void replaceDeadTaskManagers() {
        for (long live = cluster.liveTaskManagers(); live < TASK_MANAGERS; live++) {
            report("a TaskManager died on its own (%d of %d alive); starting a replacement", live, TASK_MANAGERS);
            cluster.run("start", "taskmanager");
        }
    }

    private static String describeRecovery(JsonNode statistics, long failureAt) {
        JsonNode latest = statistics.path("latest");
        long checkpointed = latest.path("completed").path("latest_ack_timestamp").asLong() - failureAt;
        JsonNode restored = latest.path("restored");
        String restore = restored.isObject() && restored.path("restore_timestamp").asLong() > failureAt
                ? "job restored from checkpoint " + restored.path("id").asLong() + " after "
                        + (restored.path("restore_timestamp").asLong() - failureAt) + " ms"
                : "job not restarted";
        return restore + ", first checkpoint completed " + checkpointed + " ms after the failure (recovery time)";
    }

    /** Polls the outputs until {@code done}; on timeout, fails with what the job and the broker were doing. */
    private static void awaitOutputs(CommittedOutputs outputs, String what, Duration timeout,
                                     java.util.concurrent.Callable<Boolean> done) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).alias(what).until(() -> {
                replaceDeadTaskManagers();
                outputs.poll();
                return done.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(String.format("waiting for %s: %d recommendations, %d dead letters so far%n%s",
                    what, outputs.recommendations.size(), outputs.deadLetters.size(), diagnosis()), e);
        }
    }

    /**
     * The state of every running job (restarts, checkpoints, last exception) and of the output topics: a
     * transaction left open pins a partition's last stable offset below its high watermark, and committed-only
     * readers see nothing past it until the broker times the transaction out.
     */
    private static String diagnosis() {
        StringBuilder out = new StringBuilder();
        try {
            for (JsonNode job : cluster.get("/jobs").path("jobs")) {
                String id = job.path("id").asText();
                JsonNode counts = cluster.get("/jobs/" + id + "/checkpoints").path("counts");
                JsonNode exceptions = cluster.get("/jobs/" + id + "/exceptions").path("exceptionHistory")
                        .path("entries");
                out.append(String.format("job %s %s: checkpoints %s; last exception: %s%n", id,
                        job.path("status").asText(), counts, exceptions.isEmpty() ? "none"
                                : exceptions.get(0).path("stacktrace").asText().lines().limit(3).toList()));
            }
        } catch (Exception e) {
            out.append("Flink REST unreachable: ").append(e).append(System.lineSeparator());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrap()))) {
            out.append("open transactions: ").append(admin.listTransactions().all().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.state() == TransactionState.ONGOING)
                    .map(TransactionListing::transactionalId).sorted().toList()).append(System.lineSeparator());
            List<TopicPartition> partitions = E2e.TOPICS.entrySet().stream()
                    .flatMap(t -> IntStream.range(0, t.getValue()).mapToObj(p -> new TopicPartition(t.getKey(), p)))
                    .toList();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            var stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(10, TimeUnit.SECONDS);
            var end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(10, TimeUnit.SECONDS);
            for (TopicPartition partition : partitions) {
                out.append(String.format("%s: last stable offset %d, high watermark %d%n", partition,
                        stable.get(partition).offset(), end.get(partition).offset()));
            }
        } catch (Exception e) {
            out.append("broker unreachable: ").append(e).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static Set<String> answered(CommittedOutputs outputs, Set<String> triggers) {
        return outputs.recommendations.stream().map(r -> r.get("trigger_event_id").asText())
                .filter(triggers::contains).collect(Collectors.toSet());
    }

    private static boolean isTerminal(JsonNode job) {
        return Set.of("CANCELED", "FAILED", "FINISHED").contains(job.path("state").asText());
    }

    private static List<E2e.Input> inputs(List<GeneratedRecord> records) {
        return records.stream().map(r -> new E2e.Input(r.key(), r.value())).toList();
    }

    private static String position(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static void report(String format, Object... args) {
        System.out.printf("[LocalClusterFailureIT] " + format + "%n", args);
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
