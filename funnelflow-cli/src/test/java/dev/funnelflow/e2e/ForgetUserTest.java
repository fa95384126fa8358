package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelflow.event.Pseudonymiser;
import dev.funnelflow.job.CollectingReporter;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code forget_user} on {@code control} reaches the state of a running job on a real broker (parallelism 2), with
 * pseudonymisation on: afterwards the user is a stranger to it. Their next view opens the first session of a new
 * user, and the cart they had never raises an alert: the one alert for their next cart lists only that cart. Events
 * of the forgotten history that arrive after the forget (a straggler, a re-sent event: what was in flight) are
 * dropped, and no training example comes from anything before the forget.
 */
class ForgetUserTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String SECRET = "forget-user-test-secret-0123456789abcdef";
    /** Every operator that holds state naming a user; the device and IP ones hear of the user's device and IP. */
    private static final List<String> FORGETTING_OPERATORS = List.of("user-activity", "device-users", "ip-users",
            "fraud-detection", "customer-lifecycle", "label-examples");

    @TempDir
    Path dir;

    @AfterEach
    void clearMetrics() {
        CollectingReporter.clear();
    }

    @Test
    void aForgottenUserComesBackAsANewUserWithoutTheirCart() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), SECRET);
        String pseudonym = new Pseudonymiser(SECRET.getBytes(StandardCharsets.UTF_8)).pseudonym("ann");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers())) {
            kafka.createTopics(E2e.TOPICS);
            Map<String, String> options = new HashMap<>(CollectingReporter.configuration());
            options.put("funnelflow.privacy.hmac-secret-file", secret.toString());
            // The last event moves the watermark past the cart's deadline even if the other partition stays empty.
            options.put("funnelflow.ingest.idleness", "500 ms");
            // Every list logged, and labelled within the hour: examples of the forgotten lists would be written.
            options.put("funnelflow.ranking.examples.sample-rate", "1");
            options.put("funnelflow.ranking.labels.convert-window", "1 h");
            JobClient job = E2e.startJob(kafka.bootstrapServers(), "forget-" + UUID.randomUUID(), options);
            try {
                // Two sessions (40 minutes apart) and a cart, on one phone and IP. The cart's list does not wait for
                // popularity (its samples travel on a channel of their own): a3b taught c's list on the lookup's.
                E2e.produce(kafka.bootstrapServers(), List.of(
                        event("a1", "ann", "view", "a", 0), event("a2", "ann", "view", "b", 1),
                        event("a3", "ann", "view", "c", 40), event("a3b", "ann", "view", "d", 40),
                        event("a4", "ann", "add_to_cart", "c", 41)));
                assertThat(awaitListFor("a4", outputs).get("session_id").asText()).isEqualTo("~derived-2");

                // Named by pseudonym, as `control sign --pseudonymise-with` writes it: the topic keeps no raw id.
                E2e.sendControl(kafka.bootstrapServers(), pseudonym, """
                        {"command_id": "forget-1", "type": "forget_user", "issued_at": "2026-03-01T11:00:00Z",
                         "user_pseudonym": "%s"}""".formatted(pseudonym));
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(FORGETTING_OPERATORS)
                        .allSatisfy(operator -> assertThat(usersForgotten(job, operator)).as(operator).isOne()));

                // Events of the forgotten history, still on their way when the forget was applied: not recreating it.
                E2e.produce(kafka.bootstrapServers(), List.of(
                        event("a4b", "ann", "add_to_cart", "x", 41), event("a2", "ann", "view", "b", 1)));
                await().atMost(Duration.ofMinutes(2)).until(() -> forgottenInputsDropped(job, "user-activity") == 2);

                E2e.produce(kafka.bootstrapServers(), List.of(
                        event("a5", "ann", "view", "d", 42), event("a6", "ann", "add_to_cart", "e", 43)));
                JsonNode after = awaitListFor("a5", outputs);
                assertThat(after.get("user_id").asText()).isEqualTo(pseudonym);
                assertThat(after.get("session_id").asText()).as("a new user's first session").isEqualTo("~derived-1");
                // Only now the event that moves the watermark: zoe's partition is not ann's, and read first it would
                // make a5 and a6 more than the allowed hour late, dead letters with no list and no cart.
                awaitListFor("a6", outputs);
                E2e.produce(kafka.bootstrapServers(), List.of(event("z1", "zoe", "view", "a", 180)));

                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    outputs.poll();
                    return outputs.alerts.stream().anyMatch(alert -> isCartAlertOf(alert, pseudonym));
                });
                List<JsonNode> cartAlerts = outputs.alerts.stream().filter(a -> isCartAlertOf(a, pseudonym)).toList();
                assertThat(cartAlerts).singleElement().satisfies(alert -> assertThat(alert.get("evidence_event_ids"))
                        .extracting(JsonNode::asText).as("the forgotten cart's add_to_cart is not evidence")
                        .containsExactly("a6"));
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    outputs.poll();
                    return outputs.trainingExamples.stream().anyMatch(example -> isExampleOf(example, "rec-a6/"));
                });
                assertThat(outputs.trainingExamples).filteredOn(example -> example.get("user_id").asText()
                        .equals(pseudonym)).as("only the lists after the forget").isNotEmpty()
                        .allSatisfy(example -> assertThat(example.get("example_id").asText()).matches("rec-a[56]/.*"));
                assertThat(outputs.deadLetters).as("dropped, not dead-lettered").isEmpty();
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * Waits for the committed list that answered the event {@code triggerEventId}; fails at once if the event went to
     * the dead-letter topic instead, since then no list will come.
     */
    private static JsonNode awaitListFor(String triggerEventId, CommittedOutputs outputs) {
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            outputs.poll();
            assertThat(outputs.deadLetters).as("dead letters").noneSatisfy(deadLetter ->
                    assertThat(deadLetter.get("raw").asText()).contains("\"event_id\":\"" + triggerEventId + "\""));
            return outputs.recommendations.stream()
                    .anyMatch(rec -> rec.get("trigger_event_id").asText().equals(triggerEventId));
        });
        return outputs.recommendations.stream()
                .filter(rec -> rec.get("trigger_event_id").asText().equals(triggerEventId)).findFirst().orElseThrow();
    }

    private static boolean isExampleOf(JsonNode example, String recIdPrefix) {
        return example.get("example_id").asText().startsWith(recIdPrefix);
    }

    private static boolean isCartAlertOf(JsonNode alert, String user) {
        return alert.get("kind").asText().equals("cart_abandonment") && alert.get("user_id").asText().equals(user);
    }

    /** The operator's {@code usersForgotten}, summed over its subtasks in this job. */
    private static long usersForgotten(JobClient job, String operator) {
        return counter(job, operator, "usersForgotten");
    }

    private static long forgottenInputsDropped(JobClient job, String operator) {
        return counter(job, operator, "forgottenInputsDropped");
    }

    private static long counter(JobClient job, String operator, String name) {
        return CollectingReporter.named(name).stream()
                .filter(m -> m.variables().get("<job_id>").equals(job.getJobID().toString())
                        && operator.equals(m.variables().get("<operator_name>")))
                .mapToLong(m -> ((Counter) m.metric()).getCount()).sum();
    }

    private static E2e.Input event(String id, String user, String type, String item, int minute) {
        String json = String.format("{\"event_id\":\"%s\",\"event_time\":\"%s\",\"user_id\":\"%s\",\"type\":\"%s\","
                        + "\"item_id\":\"%s\",\"category_id\":\"c1\",\"price\":60,\"quantity\":1,"
                        + "\"context\":{\"device_id\":\"phone-%s\",\"ip\":\"10.0.0.1\"}}",
                id, T0.plusSeconds(60L * minute), user, type, item, user);
        return new E2e.Input(user, json.getBytes(StandardCharsets.UTF_8));
    }
}
