package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.job.CollectingReporter;
import dev.funnelflow.kafka.EmbeddedKafka;
import dev.funnelflow.ranking.ContractModels;
import dev.funnelflow.ranking.Feature;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelCard;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running job swaps in a model dropped into its models directory, ignores a broken one, and rolls back to an
 * older model promoted through {@code control}; the {@code modelVersion} gauge shows each swap. A model that fails
 * while scoring leaves lists in the blended order and the job running.
 */
class ModelHotSwapTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What {@link #listsOfANewShopper} says for a list no model ranked. */
    private static final String UNRANKED = "unranked";

    @TempDir
    Path models;

    private int sent;

    @AfterEach
    void clearMetrics() {
        CollectingReporter.clear();
    }

    @Test
    void modelsSwapWithoutRestartFromTheDirectoryOrByPromotionAndABrokenOneChangesNothing() throws Exception {
        Path modelA = ContractModels.clickModel(models, "ctr", "a", "2026-01-01T00:00:00Z", FeatureSchema.CURRENT,
                Feature.CANDIDATE_RANK, 1);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers())) {
            kafka.createTopics(E2e.TOPICS);
            Map<String, String> options = new HashMap<>(CollectingReporter.configuration());
            options.put("funnelflow.ranking.models-dir", models.toString());
            options.put("funnelflow.ranking.models.poll-interval", "200 ms");
            options.put("funnelflow.ranking.batch.max-delay", "0 ms");
            JobClient job = E2e.startJob(kafka.bootstrapServers(), "swap-" + UUID.randomUUID(), options);
            try {
                awaitListsFrom("ctr-a", kafka, outputs);

                ContractModels.clickModel(models, "ctr", "b", "2026-02-01T00:00:00Z", FeatureSchema.CURRENT,
                        Feature.CANDIDATE_RANK, -1);
                awaitModelVersionGauges(job, "ctr-b");
                awaitListsFrom("ctr-b", kafka, outputs);

                Path broken = models.resolve("ctr-c.onnx");
                Files.writeString(broken, "not a model");
                ContractModels.servingCard("ctr", "c", "2026-03-01T00:00:00Z", FeatureSchema.CURRENT)
                        .write(ModelCard.pathFor(broken));
                // Every subtask polls the directory; let each have seen the broken file twice over.
                long pollsDone = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                await().atMost(Duration.ofMinutes(1)).until(() -> System.nanoTime() > pollsDone
                        && listsOfANewShopper(kafka, outputs).stream().allMatch(v -> v.equals("ctr-b")));

                // A model that loads and passes its test run, then fails on every live batch: lists keep coming, in
                // the blended order, and the failures are counted.
                ContractModels.failingWhileScoring(models);
                awaitModelVersionGauges(job, "ctr-failing");
                awaitListsFrom(UNRANKED, kafka, outputs);
                await().atMost(Duration.ofMinutes(1)).until(() -> rankingFailures(job) > 0);

                // Roll back: promote the older A; the directory's newer B no longer takes the slot.
                E2e.sendControl(kafka.bootstrapServers(), "ranker-click", """
                        {"command_id": "rollback-1", "type": "model_promote", "issued_at": "2026-03-02T00:00:00Z",
                         "model_name": "ranker-click", "model_version": "ctr-a", "path": %s}"""
                        .formatted(JSON.writeValueAsString(modelA.toString())));
                awaitModelVersionGauges(job, "ctr-a");
                awaitListsFrom("ctr-a", kafka, outputs);
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Waits until the {@code modelVersion} gauge of every ranking subtask shows {@code version}. */
    private static void awaitModelVersionGauges(JobClient job, String version) {
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            List<Object> gauges = CollectingReporter.named("modelVersion").stream()
                    .filter(m -> m.variables().get("<job_id>").equals(job.getJobID().toString()))
                    .map(m -> (Object) ((Gauge<?>) m.metric()).getValue()).toList();
            return gauges.size() == 2 && gauges.stream().allMatch(version::equals);
        });
    }

    private static long rankingFailures(JobClient job) {
        return CollectingReporter.named("rankingFailures").stream()
                .filter(m -> m.variables().get("<job_id>").equals(job.getJobID().toString()))
                .mapToLong(m -> ((Counter) m.metric()).getCount()).sum();
    }

    /** Sends new shoppers until every list one of them gets is ranked by {@code version}: all subtasks swapped. */
    private void awaitListsFrom(String version, EmbeddedKafka kafka, CommittedOutputs outputs) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO)
                .until(() -> listsOfANewShopper(kafka, outputs).stream().allMatch(v -> v.equals(version)));
    }

    /**
     * One new shopper views a, b, c and d; returns the model versions of the lists their views got ({@link #UNRANKED}
     * for a list no model ranked). The last two views always find lists: the session's earlier views taught b's and
     * c's lists on the channel their lookups take, while popularity comes on a broadcast of its own.
     */
    private List<String> listsOfANewShopper(EmbeddedKafka kafka, CommittedOutputs outputs) throws Exception {
        String user = "u" + sent;
        E2e.produce(kafka.bootstrapServers(), browsing(user));
        List<JsonNode> lists = new ArrayList<>();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            outputs.poll();
            lists.clear();
            outputs.recommendations.stream().filter(rec -> rec.get("user_id").asText().equals(user)).forEach(lists::add);
            return lists.size() >= 2;
        });
        assertThat(lists).allSatisfy(rec -> assertThat(rec.get("items").get(0).path("p_click").isNumber())
                .isEqualTo(rec.hasNonNull("model_version")));
        return lists.stream().map(rec -> rec.hasNonNull("model_version") ? rec.get("model_version").asText() : UNRANKED)
                .toList();
    }

    private List<E2e.Input> browsing(String user) {
        List<E2e.Input> records = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String json = String.format("{\"event_id\":\"e%d\",\"event_time\":\"%s\",\"user_id\":\"%s\","
                    + "\"session_id\":\"s-%s\",\"type\":\"view\",\"item_id\":\"%s\",\"category_id\":\"c1\"}",
                    sent, T0.plusSeconds(sent), user, user, (char) ('a' + i));
            records.add(new E2e.Input(user, json.getBytes(StandardCharsets.UTF_8)));
            sent++;
        }
        return records;
    }
}
