package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.job.CollectingReporter;
import dev.funnelflow.kafka.EmbeddedKafka;
import dev.funnelflow.ranking.ContractModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running job on a real broker is attacked on every partition with what producers get wrong: event times far
 * ahead of and far behind the clock, two objects on a line, trailing garbage, huge and numeric ids, non-finite and
 * huge amounts, empty records and a burst of duplicates; its ranking model fails on every batch it scores. It must
 * not restart; every bad record reaches {@code dead-letter} once with its reason; valid traffic sent after the attack
 * is still answered, in the blended order while the model fails.
 */
class ChaosTest {

    private static final int PARTITIONS = 2;
    private static final int DUPLICATES = 20;
    /** Event times of the valid traffic: recent, so that the broker's and the job's clocks both accept them. */
    private static final Instant T0 = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    /** Prefixes of the event ids inside the poison records. */
    private static final List<String> POISON_EVENT_IDS =
            List.of("future-", "past-", "late-", "huge-", "num-", "inf-", "ok-", "ok2-");

    @TempDir
    Path models;

    @AfterEach
    void clearMetrics() {
        CollectingReporter.clear();
    }

    @Test
    void poisonOnEveryPartitionIsDeadLetteredOnceAndTheJobKeepsServing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers())) {
            kafka.createTopics(E2e.TOPICS);
            Map<String, String> options = new HashMap<>(CollectingReporter.configuration());
            ContractModels.failingWhileScoring(models);
            options.put("funnelflow.ranking.models-dir", models.toString());
            JobClient job = E2e.startJob(kafka.bootstrapServers(), "chaos-" + UUID.randomUUID(), options);
            try {
                List<String> warmUp = new ArrayList<>();
                List<E2e.Input> before = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    for (int user = 0; user < 4; user++) {
                        String id = "u" + p + "-" + user;
                        before.add(onPartition(p, view("w-" + id + "-1", id, "a", 0)));
                        before.add(onPartition(p, view("w-" + id + "-2", id, "b", 1)));
                        // The 'c' view always finds a list: the user's 'b' view taught b's list before it.
                        before.add(onPartition(p, view("w-" + id + "-3", id, "c", 2)));
                        warmUp.add("w-" + id + "-3");
                    }
                }
                E2e.produce(kafka.bootstrapServers(), before);
                awaitListsFor(warmUp, outputs);

                Map<String, String> expectedErrors = new LinkedHashMap<>();
                List<E2e.Input> poison = new ArrayList<>();
                List<String> poisonKinds = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    for (Map.Entry<String, Poison> entry : poison(p).entrySet()) {
                        poison.add(onPartition(p, entry.getValue().raw()));
                        poisonKinds.add(entry.getKey() + "@" + p);
                        expectedErrors.put(entry.getKey() + "@" + p, entry.getValue().error());
                    }
                    String duplicated = view("dup-" + p, "dup-user-" + p, "a", 3);
                    for (int copy = 0; copy < DUPLICATES; copy++) {
                        poison.add(onPartition(p, duplicated));
                        poisonKinds.add(copy == 0 ? "first-copy@" + p : "duplicate-" + copy + "@" + p);
                        if (copy > 0) {
                            expectedErrors.put("duplicate-" + copy + "@" + p, "duplicate_event");
                        }
                    }
                }
                List<RecordMetadata> positions = E2e.produce(kafka.bootstrapServers(), poison);
                Map<String, String> kindAt = new HashMap<>();
                for (int i = 0; i < positions.size(); i++) {
                    kindAt.put(positions.get(i).partition() + ":" + positions.get(i).offset(), poisonKinds.get(i));
                }

                // Valid traffic after the attack, on every partition, is still answered.
                List<String> after = new ArrayList<>();
                List<E2e.Input> valid = new ArrayList<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    for (int user = 0; user < 4; user++) {
                        String id = "u" + p + "-" + user;
                        valid.add(onPartition(p, view("v-" + id, id, "c", 5)));
                        after.add("v-" + id);
                    }
                }
                E2e.produce(kafka.bootstrapServers(), valid);
                awaitListsFor(after, outputs);

                await().atMost(Duration.ofMinutes(2)).alias("every poison record dead-lettered").until(() -> {
                    outputs.poll();
                    return outputs.deadLetters.size() >= expectedErrors.size();
                });
                // One more checkpoint after everything arrived must add nothing.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                    outputs.poll();
                    return true;
                });

                Map<String, String> errors = new LinkedHashMap<>();
                for (JsonNode deadLetter : outputs.deadLetters) {
                    String kind = kindAt.get(deadLetter.get("partition").asInt() + ":" + deadLetter.get("offset").asLong());
                    assertThat(errors.put(kind, deadLetter.get("error").asText())).as("%s dead-lettered once", kind)
                            .isNull();
                }
                assertThat(errors).containsExactlyInAnyOrderEntriesOf(expectedErrors);
                outputs.rawDeadLetters.forEach(json -> TopicSchemas.assertValid("dead-letter", json));
                outputs.rawRecommendations.forEach(json -> TopicSchemas.assertValid("recommendations", json));
                assertThat(outputs.recommendations).as("no list answers a bad record").noneMatch(rec ->
                        POISON_EVENT_IDS.stream().anyMatch(rec.get("trigger_event_id").asText()::startsWith));

                assertThat(outputs.recommendations).as("served unranked while the model fails")
                        .allSatisfy(rec -> assertThat(rec.get("model_version").isNull()).isTrue());
                assertThat(counted(job, "rankingFailures")).isPositive();
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                assertThat(restarts(job)).as("restarts").isZero();
            } finally {
                job.cancel().get();
            }
        }
    }

    /** A bad record and the error the job must give it. */
    private record Poison(String raw, String error) {}

    private static Map<String, Poison> poison(int partition) {
        String user = "bad-user-" + partition;
        String valid = view("ok-" + partition, user, "a", 4);
        Map<String, Poison> poison = new LinkedHashMap<>();
        poison.put("future", new Poison(event("future-" + partition, user, "view", "a",
                Instant.now().plus(20, ChronoUnit.HOURS), ""), "future_event"));
        poison.put("before-2000", new Poison(event("past-" + partition, user, "view", "a",
                Instant.parse("1999-12-31T23:00:00Z"), ""), "absurd_timestamp"));
        poison.put("late", new Poison(event("late-" + partition, user, "view", "a",
                T0.minus(3, ChronoUnit.HOURS), ""), "late_event"));
        poison.put("two-objects", new Poison(valid + valid.replace("ok-", "ok2-"), "malformed_json"));
        poison.put("trailing-garbage", new Poison(valid + " xyz", "malformed_json"));
        poison.put("comment", new Poison(valid + " // a comment", "malformed_json"));
        poison.put("huge-id", new Poison(event("huge-" + partition, "u".repeat(100_000), "view", "a", T0, ""),
                "invalid_value"));
        poison.put("numeric-id", new Poison(valid.replace("\"user_id\":\"" + user + "\"", "\"user_id\":42")
                .replace("ok-", "num-"), "wrong_type"));
        poison.put("infinite-price", new Poison(event("inf-" + partition, user, "purchase", "a", T0,
                ",\"price\":1e999"), "invalid_value"));
        poison.put("huge-amount", new Poison(event("huge-amount-" + partition, user, "purchase", "a", T0,
                ",\"payment\":{\"method\":\"card\",\"amount\":1e300}"), "invalid_value"));
        poison.put("empty", new Poison("", "empty_record"));
        return poison;
    }

    private static E2e.Input onPartition(int partition, String json) {
        return new E2e.Input(null, json.getBytes(StandardCharsets.UTF_8), partition);
    }

    private static String view(String id, String user, String item, int minute) {
        return event(id, user, "view", item, T0.plus(minute, ChronoUnit.MINUTES), "");
    }

    private static String event(String id, String user, String type, String item, Instant time, String extra) {
        return String.format("{\"event_id\":\"%s\",\"event_time\":\"%s\",\"user_id\":\"%s\",\"type\":\"%s\","
                + "\"item_id\":\"%s\",\"category_id\":\"c1\"%s}", id, time, user, type, item, extra);
    }

    private static void awaitListsFor(List<String> triggers, CommittedOutputs outputs) {
        await().atMost(Duration.ofMinutes(2)).alias("lists for " + triggers).until(() -> {
            outputs.poll();
            return outputs.recommendations.stream().map(rec -> rec.get("trigger_event_id").asText())
                    .collect(Collectors.toSet()).containsAll(triggers);
        });
    }

    /** A counter summed over the job's subtasks. */
    private static long counted(JobClient job, String name) {
        return CollectingReporter.named(name).stream()
                .filter(m -> job.getJobID().toString().equals(m.variables().get("<job_id>")))
                .mapToLong(m -> ((Counter) m.metric()).getCount()).sum();
    }

    /** The job's {@code numRestarts}, as the JobManager reports it. */
    private static long restarts(JobClient job) {
        return CollectingReporter.named("numRestarts").stream()
                .filter(m -> job.getJobID().toString().equals(m.variables().get("<job_id>")))
                .mapToLong(m -> ((Gauge<?>) m.metric()).getValue() instanceof Number n ? n.longValue() : 0)
                .max().orElseThrow(() -> new AssertionError("no numRestarts metric for the job"));
    }
}
