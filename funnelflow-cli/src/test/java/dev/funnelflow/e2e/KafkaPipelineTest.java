package dev.funnelflow.e2e;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.DefectKind;
import dev.funnelflow.generator.GeneratedRecord;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.io.Topic;
import dev.funnelflow.kafka.EmbeddedKafka;
import dev.funnelflow.kafka.Kcat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production wiring end to end: generated traffic with every kind of bad record into a real broker, the job
 * on a MiniCluster with RocksDB and exactly-once sinks, outputs read back committed-only and checked against
 * the topic schemas.
 */
class KafkaPipelineTest {

    private static final int EVENTS = 3_000;

    /** What the job must call each injected defect. */
    private static final Map<String, String> EXPECTED_ERROR = Map.ofEntries(
            entry(DefectKind.MALFORMED_JSON.code(), "malformed_json"),
            entry(DefectKind.TRUNCATED_JSON.code(), "malformed_json"),
            entry(DefectKind.MISSING_USER_ID.code(), "missing_field"),
            entry(DefectKind.PRICE_NOT_A_NUMBER.code(), "wrong_type"),
            entry(DefectKind.QUANTITY_ZERO.code(), "invalid_value"),
            entry(DefectKind.UNKNOWN_TYPE.code(), "unknown_type"),
            entry(DefectKind.NEGATIVE_PRICE.code(), "invalid_value"),
            entry(DefectKind.ABSURD_TIMESTAMP.code(), "absurd_timestamp"),
            entry(DefectKind.NON_UTF8.code(), "invalid_utf8"),
            entry(DefectKind.OVERSIZE.code(), "oversize"),
            entry(DefectKind.VIEW_WITHOUT_ITEM.code(), "missing_field"),
            entry(DefectKind.JSON_ARRAY.code(), "not_an_object"),
            entry(DefectKind.DUPLICATE.code(), "duplicate_event"));

    @TempDir
    Path dir;

    @Test
    void everyGoodEventIsAnsweredOnceAndEveryBadRecordIsDeadLetteredWithItsReason() throws Exception {
        List<GeneratedRecord> records = new ClickstreamGenerator(GeneratorSettings.defaults()
                .withSeed(7).withUsers(2_000).withCatalog(300, 12).withEvents(EVENTS)
                .withMalformedShare(0.02).withDuplicateShare(0.01)).stream(EVENTS).toList();
        Map<String, Long> expectedErrors = records.stream().filter(r -> !r.isGood())
                .collect(Collectors.groupingBy(r -> EXPECTED_ERROR.get(r.injectedDefect()), Collectors.counting()));
        assertThat(expectedErrors.keySet()).contains("oversize", "invalid_utf8", "duplicate_event");
        Set<String> triggers = E2e.triggeringEventIds(records);

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(E2e.TOPICS);
            E2e.produce(kafka.bootstrapServers(),
                    records.stream().map(r -> new E2e.Input(r.key(), r.value())).toList());

            JobClient job = E2e.startJob(kafka.bootstrapServers(), "e2e-" + UUID.randomUUID(), Map.of());
            try (CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers())) {
                long bad = records.stream().filter(r -> !r.isGood()).count();
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                        .alias("all outputs committed (expected " + bad + " dead letters, ~" + triggers.size()
                                + " recommendations)")
                        .conditionEvaluationListener(c -> {
                            if (c.getRemainingTimeInMS() < 300) {
                                System.err.printf("so far: %d dead letters %s, %d recommendations%n",
                                        outputs.deadLetters.size(), outputs.deadLetters.stream().collect(
                                                Collectors.groupingBy(d -> d.get("error").asText(), Collectors.counting())),
                                        outputs.recommendations.size());
                            }
                        })
                        .until(() -> {
                    outputs.poll();
                    // The first views of an empty shop find nothing, nor do a few more whose popularity samples,
                    // which travel on a broadcast of their own, reach the answering subtask after them.
                    return outputs.deadLetters.size() == bad
                            && outputs.recommendations.size() >= triggers.size() - triggers.size() / 50;
                });
                // Past the point where everything arrived, one more checkpoint must add nothing.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                    outputs.poll();
                    return true;
                });

                Map<String, Long> errors = outputs.deadLetters.stream().collect(
                        Collectors.groupingBy(d -> d.get("error").asText(), Collectors.counting()));
                assertThat(errors).isEqualTo(expectedErrors);

                List<String> recIds = outputs.recommendations.stream().map(r -> r.get("rec_id").asText()).toList();
                assertThat(new HashSet<>(recIds)).as("no recommendation twice").hasSameSizeAs(recIds);
                Set<String> answered = outputs.recommendations.stream()
                        .map(r -> r.get("trigger_event_id").asText()).collect(Collectors.toSet());
                assertThat(triggers).containsAll(answered);
                assertThat(outputs.recommendations).allSatisfy(r ->
                        assertThat(r.get("items").size()).isBetween(1, 20));

                outputs.rawRecommendations.forEach(json -> TopicSchemas.assertValid("recommendations", json));
                outputs.rawDeadLetters.forEach(json -> TopicSchemas.assertValid("dead-letter", json));

                // The storefront's path: any Kafka client, here kcat, sees the same committed recommendations.
                Optional<Path> kcat = Kcat.find();
                if (kcat.isPresent()) {
                    List<String> lines = Kcat.readCommitted(kcat.get(), kafka.bootstrapServers(),
                            Topic.RECOMMENDATIONS.topicName(), dir);
                    assertThat(lines).containsExactlyInAnyOrderElementsOf(outputs.keyedRecommendations);
                }
            } finally {
                job.cancel().get();
            }
        }
    }
}
