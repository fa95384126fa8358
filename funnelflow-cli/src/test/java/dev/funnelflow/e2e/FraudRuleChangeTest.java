package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

/**
 * A fraud rule sent on {@code control} to the running job changes its alerts from the next events on, a
 * {@code rule_delete} takes it back, and a broken command goes to {@code dead-letter}: the real Kafka job on a
 * MiniCluster, commands parsed by route-control and broadcast to fraud-detection.
 */
class FraudRuleChangeTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String RULE_ID = "views.burst_1m";
    private static final String RULE_REASON = "views_burst_1m";

    private int shoppers;

    /** One shopper's events and the alerts that name them. */
    private record Visit(List<String> eventIds, List<JsonNode> alerts) {

        String thirdView() {
            return eventIds.get(2);
        }

        boolean alertedOnTheRule() {
            return alerts.stream().anyMatch(alert -> reasonCodes(alert).contains(RULE_REASON));
        }
    }

    @Test
    void aRuleUpsertedThroughControlRaisesAlertsMidStreamUntilItIsDeleted() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers())) {
            kafka.createTopics(E2e.TOPICS);
            String bootstrap = kafka.bootstrapServers();
            // One fraud-detection subtask: once a shopper's events meet a rule change, every later shopper's do.
            JobClient job = E2e.startJob(bootstrap, "rules-" + UUID.randomUUID(), Map.of("parallelism.default", "1"));
            try {
                Visit before = visit(bootstrap, outputs);
                assertThat(before.alerts()).singleElement()
                        .satisfies(alert -> assertThat(reasonCodes(alert)).containsExactly("new_account_instant_purchase"));

                E2e.sendControl(bootstrap, RULE_ID, """
                        {"command_id": "burst-on", "type": "rule_upsert", "issued_at": "2026-03-02T00:00:00Z",
                         "rule_id": "views.burst_1m", "kind": "fraud", "severity": "medium",
                         "params": {"feature": "events", "window": "1m", "op": ">=", "threshold": 3,
                                    "description": "three events in a minute"}}""");
                Visit after = awaitVisit(bootstrap, outputs, true);
                assertThat(after.alerts()).anySatisfy(alert -> {
                    assertThat(alert.get("evidence_event_ids").get(0).asText()).isEqualTo(after.thirdView());
                    assertThat(alert.get("severity").asText()).isEqualTo("medium");
                    assertThat(reasonCodes(alert)).containsExactly(RULE_REASON);
                });

                E2e.sendControl(bootstrap, RULE_ID, """
                        {"command_id": "burst-off", "type": "rule_delete", "issued_at": "2026-03-02T01:00:00Z",
                         "rule_id": "views.burst_1m"}""");
                awaitVisit(bootstrap, outputs, false);
                assertThat(visit(bootstrap, outputs).alertedOnTheRule()).as("the rule stays deleted").isFalse();

                E2e.sendControl(bootstrap, RULE_ID, """
                        {"command_id": "burst-typo", "type": "rule_upsert", "issued_at": "2026-03-02T02:00:00Z",
                         "rule_id": "views.burst_1m", "kind": "fraud", "severity": "medium",
                         "params": {"feature": "events", "window": "1m", "op": ">=", "treshold": 3}}""");
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    outputs.poll();
                    assertThat(outputs.deadLetters).anySatisfy(letter -> {
                        assertThat(letter.get("error").asText()).isEqualTo("invalid_control_command");
                        assertThat(letter.get("source_topic").asText()).isEqualTo("control");
                        assertThat(letter.get("detail").asText()).startsWith("control command burst-typo: ")
                                .contains("treshold");
                    });
                });
            } finally {
                job.cancel().get();
            }
        }
    }

    /** New shoppers until one's alerts do (or do not) include the rule's reason: the change has reached the job. */
    private Visit awaitVisit(String bootstrap, CommittedOutputs outputs, boolean alertedOnTheRule) {
        List<Visit> visits = new ArrayList<>();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO).until(() -> {
            visits.add(visit(bootstrap, outputs));
            return visits.get(visits.size() - 1).alertedOnTheRule() == alertedOnTheRule;
        });
        return visits.get(visits.size() - 1);
    }

    /**
     * A new shopper views three items within ten seconds, then signs up and buys at once, which the default rule
     * {@code new_account.instant_purchase} (high) always alerts on. Returns once that alert is out: the shopper's
     * events share a key, hence a partition and their order, so by then their views have been assessed too.
     */
    private Visit visit(String bootstrap, CommittedOutputs outputs) throws Exception {
        String user = "shopper-" + shoppers;
        Instant start = T0.plus(Duration.ofMinutes(shoppers));
        shoppers++;
        List<E2e.Input> events = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String[] types = {"view", "view", "view", "signup", "purchase"};
        for (int i = 0; i < types.length; i++) {
            String id = user + "-e" + i;
            ids.add(id);
            String item = types[i].equals("signup") ? "" : ",\"item_id\":\"i" + i + "\",\"price\":30";
            String order = types[i].equals("purchase") ? ",\"quantity\":1,\"order_id\":\"o-" + user + "\"" : "";
            String json = String.format("{\"event_id\":\"%s\",\"event_time\":\"%s\",\"user_id\":\"%s\",\"type\":\"%s\"%s%s}",
                    id, start.plusSeconds(5L * i), user, types[i], item, order);
            events.add(new E2e.Input(user, json.getBytes(StandardCharsets.UTF_8)));
        }
        E2e.produce(bootstrap, events);
        String purchase = ids.get(ids.size() - 1);
        List<JsonNode> alerts = new ArrayList<>();
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            outputs.poll();
            alerts.clear();
            outputs.alerts.stream().filter(alert -> alert.get("user_id").asText().equals(user)).forEach(alerts::add);
            return alerts.stream().anyMatch(alert -> alert.get("evidence_event_ids").get(0).asText().equals(purchase));
        });
        return new Visit(ids, List.copyOf(alerts));
    }

    private static List<String> reasonCodes(JsonNode alert) {
        return StreamSupport.stream(alert.get("reasons").spliterator(), false)
                .map(reason -> reason.get("code").asText()).toList();
    }
}
