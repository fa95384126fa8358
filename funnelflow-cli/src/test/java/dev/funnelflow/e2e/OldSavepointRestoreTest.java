package dev.funnelflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.io.Topic;
import dev.funnelflow.kafka.EmbeddedKafka;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint written by the previous release restores in this one: every operator uid and every class the savepoint
 * names (serializer snapshots, POJO and record state types, the window key nested in {@code TopItemsFunction}) must
 * still be found, without {@code allowNonRestoredState}. The job is started from the fixture with restarts off, so a
 * restore failure (a {@code ClassNotFoundException} in a serializer snapshot, state of an unknown uid) fails the job at
 * once and this test with its cause; then the restored state has to show in the outputs:
 * <ul>
 *   <li>user-activity's seen event ids: a re-sent event from before the savepoint is a {@code duplicate_event};
 *   <li>candidate-lists' co-visitation: a newcomer viewing {@code a} is offered {@code b} and {@code c}, which only
 *       the users before the savepoint viewed together with it;
 *   <li>customer-lifecycle's open cart and its event-time timer: the cart left at 12:30 raises its abandonment alert
 *       when the watermark passes 13:00;
 *   <li>device-users and fraud-detection: the fifth account on the device {@code dev-shared} raises
 *       {@code device_farm.device_users_24h}, counting the two accounts seen there before the savepoint;
 *   <li>demand-forecasts' series state and open bucket: the bucket of category {@code c2} ending at 13:00, whose sales
 *       were all before the savepoint, is closed and forecast on three buckets of history.
 * </ul>
 *
 * <h2>The fixture</h2>
 * {@code src/test/resources/savepoints/fbfb4b1/} is a canonical savepoint of commit {@code fbfb4b1} (the last
 * single-module version, before the modules and packages were reorganised): {@code _metadata} (90 kB) and one state
 * file (fraud-detection's keyed state, 27 kB). It was written by a throwaway test in that commit's
 * {@code dev.funnelflow.e2e} package ({@code mvn -B -o test -Dtest=MakeSavepointFixture}), using that version's
 * {@code E2e} helpers:
 * <ol>
 *   <li>start {@code EmbeddedKafka}, create {@code E2e.TOPICS} (two partitions per topic, one for {@code control});
 *   <li>produce {@link #input()} to {@code clickstream}, every record on partition 0 (one ordered stream, so no
 *       event is late behind another partition), and send the one signed command of {@link #sendControl};
 *   <li>{@code E2e.startJob(bootstrap, "savepoint-fixture", options)}: {@code E2e.testJobOptions} (500 ms
 *       checkpoints, popularity sample rate 1, the test control key) plus {@link #options()} without its restart
 *       strategy; parallelism 1;
 *   <li>wait until the lists for {@code k2} and {@code w1}, the fraud alert for {@code newbie} and the
 *       {@code category:c2} forecast for the bucket ending 12:00 are committed (the watermark is then near 12:30:55);
 *   <li>{@code stopWithSavepoint(false, dir, SavepointFormatType.CANONICAL)} and copy the savepoint directory here.
 * </ol>
 * The savepoint holds the state of user-activity (profiles, seen ids), candidate-lists (co-visitation, category
 * stats), label-examples (served examples waiting out their 24 h convert window), route-control (the applied
 * command), fraud-detection (the rule it broadcast, risk, suppression, the backlog, the anomaly forest), device-users
 * and ip-users, customer-lifecycle (the open cart, purchase histories), item-volumes, top-items, tracked-items,
 * demand-forecasts, and the Kafka sources and sinks. TopItemsFunction's window map is empty at any barrier (its timer
 * fires with the watermark that follows its input), but the state is registered, so the savepoint still names its
 * {@code ItemWindow} key class. Keyed state expires by processing time, so both runs set the TTLs to ten years: with
 * the defaults, the seen ids would expire a day after the fixture was written. The options that shape the state (top
 * items on, demand views off, example sample rate 1) are those of {@link #options()}; the restored Kafka offsets are
 * valid because this test first produces the same records to the same partitions of a fresh broker.
 *
 * <p>To write a fixture for a future release: check out the release, copy this class's {@link #input()},
 * {@link #options()} (without the restart strategy) and {@link #sendControl} into a test there, run the steps above,
 * and add the directory as {@code savepoints/<commit>} beside this one, with a test like this one restoring it (keep
 * the old fixtures: each is a release users may restore from). The assertions hold as long as the input is the same.
 */
class OldSavepointRestoreTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String FIXTURE = "savepoints/fbfb4b1";
    /** The fixture's Kafka sink state names transactions by this prefix. */
    private static final String TRANSACTIONAL_ID_PREFIX = "savepoint-fixture";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSavepointOfTheSingleModuleVersionRestoresWithItsState() throws Exception {
        Path savepoint = copyFixture();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             CommittedOutputs outputs = new CommittedOutputs(kafka.bootstrapServers());
             KafkaConsumer<byte[], byte[]> forecastConsumer = forecasts(kafka.bootstrapServers())) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(E2e.TOPICS);
            // What the first job had read: the restored source offsets point just past it.
            E2e.produce(bootstrap, input());
            sendControl(bootstrap);

            Map<String, String> options = new HashMap<>(options());
            options.put("execution.state-recovery.path", savepoint.toUri().toString());
            JobClient job = E2e.startJob(bootstrap, TRANSACTIONAL_ID_PREFIX, options);
            List<JsonNode> forecasts = new ArrayList<>();
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> status(job) == JobStatus.RUNNING);

                // A re-sent event from before the savepoint (u1's view of b).
                E2e.produce(bootstrap, List.of(input().get(4)));
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    status(job);
                    outputs.poll();
                    return !outputs.deadLetters.isEmpty();
                });
                assertThat(outputs.deadLetters).singleElement().satisfies(letter -> {
                    assertThat(letter.get("error").asText()).isEqualTo("duplicate_event");
                    assertThat(letter.get("raw").asText()).contains("\"event_id\":\"v4\"");
                });

                E2e.produce(bootstrap, List.of(
                        event("new1", "newcomer", "view", "a", "c1", 20, 1, null, "phone-new", "10.0.2.1", at(152)),
                        event("l3", "buyer3", "login", null, null, 0, 0, null, "dev-shared", "10.0.0.2", at(160)),
                        event("l4", "buyer4", "login", null, null, 0, 0, null, "dev-shared", "10.0.0.2", at(161)),
                        event("l5", "buyer5", "login", null, null, 0, 0, null, "dev-shared", "10.0.0.2", at(162)),
                        // Moves the watermark past the cart's deadline and the end of the 12:00-13:00 bucket.
                        event("w2", "u0", "view", "c", "c1", 20, 1, null, "phone-u0", "10.0.1.0", at(190))));
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    status(job);
                    outputs.poll();
                    for (ConsumerRecord<byte[], byte[]> record : forecastConsumer.poll(Duration.ofMillis(100))) {
                        forecasts.add(JSON.readTree(record.value()));
                    }
                    return list(outputs, "new1") != null && cartAlert(outputs) != null
                            && deviceFarmAlert(outputs) != null && forecast(forecasts) != null;
                });

                assertThat(list(outputs, "new1").get("items")).extracting(item -> item.get("item_id").asText())
                        .as("co-visitation learnt before the savepoint").contains("b", "c");
                assertThat(list(outputs, "new1").get("items")).anySatisfy(item ->
                        assertThat(item.get("source").asText()).isEqualTo("covisitation"));
                assertThat(cartAlert(outputs).get("evidence_event_ids")).extracting(JsonNode::asText)
                        .as("the add_to_cart from before the savepoint").containsExactly("k2");
                assertThat(deviceFarmAlert(outputs).get("user_id").asText()).isEqualTo("buyer5");
                assertThat(forecast(forecasts).get("history_points").asInt())
                        .as("the series' buckets ending 11:00 and 12:00 came across").isEqualTo(3);
                assertThat(outputs.deadLetters).as("only the re-sent event").hasSize(1);
                assertThat(status(job)).isEqualTo(JobStatus.RUNNING);
            } finally {
                if (!job.getJobExecutionResult().isDone()) {
                    job.cancel().get();
                }
            }
        }
    }

    /** The fixture, copied: Flink must not write beside the committed files. */
    private Path copyFixture() throws Exception {
        URL metadata = getClass().getClassLoader().getResource(FIXTURE + "/_metadata");
        assertThat(metadata).as(FIXTURE + " on the test class path").isNotNull();
        Path source = Path.of(metadata.toURI()).getParent();
        Path target = dir.resolve("fbfb4b1");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName().toString()));
            }
        }
        return target;
    }

    /**
     * The job's status; once it has ended (restarts are off, so a failed restore ends it), the failure with its root
     * cause in the message, e.g. the class a serializer snapshot names that is no longer there.
     */
    private static JobStatus status(JobClient job) throws Exception {
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        if (!result.isDone()) {
            try {
                return job.getJobStatus().get();
            } catch (Exception e) {
                // The job's MiniCluster shuts down as soon as the job ends, maybe before the result is seen here.
            }
        }
        try {
            result.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable root = e.getCause();
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new AssertionError("the job restored from " + FIXTURE + " failed: " + root, e.getCause());
        }
        throw new AssertionError("the job restored from " + FIXTURE + " ended");
    }

    /**
     * The options of both runs. Keyed state expires by processing time, so the TTLs are ten years: the fixture's
     * entries must outlive the time between writing it and running this test.
     */
    static Map<String, String> options() {
        return Map.of(
                "parallelism.default", "1",
                "funnelflow.ingest.idleness", "500 ms",
                "funnelflow.ranking.examples.sample-rate", "1",
                "funnelflow.ingest.dedup-ttl", "3650 d",
                "funnelflow.user.state-ttl", "3650 d",
                "funnelflow.recs.item-state-ttl", "3650 d",
                "funnelflow.fraud.state-ttl", "3650 d",
                // Not when writing the fixture: here a failed restore must fail the job, not restart it forever.
                "restart-strategy.type", "none");
    }

    /** The fixture's one control command: a fraud rule that never fires, for route-control's and the rules' state. */
    static void sendControl(String bootstrap) throws Exception {
        E2e.sendControl(bootstrap, "views.burst_1m", """
                {"command_id": "fixture-rule", "type": "rule_upsert", "issued_at": "2026-11-20T09:00:00Z",
                 "rule_id": "views.burst_1m", "kind": "fraud", "severity": "medium",
                 "params": {"feature": "events", "window": "1m", "op": ">=", "threshold": 1000,
                            "description": "never"}}""");
    }

    /** The clickstream the fixture's job read, in this order, all on partition 0. */
    static List<E2e.Input> input() {
        List<E2e.Input> in = new ArrayList<>();
        int n = 0;
        // Browsing: six users view a, b, c (co-visitation, profiles, seen ids, training examples waiting for labels).
        for (int u = 0; u < 6; u++) {
            for (String item : List.of("a", "b", "c")) {
                in.add(event("v" + n, "u" + u, "view", item, "c1", 20, 1, null, "phone-u" + u, "10.0.1." + u,
                        T0.plusSeconds(n)));
                n++;
            }
        }
        // Fraud: a new account that buys at once; two buyers on one device and IP.
        in.add(event("n1", "newbie", "signup", null, null, 0, 0, null, "dev-1", "10.0.0.1", at(5)));
        in.add(event("n2", "newbie", "purchase", "p1", "c2", 300, 1, "o-n2", "dev-1", "10.0.0.1",
                at(5).plusSeconds(10)));
        in.add(event("l1", "buyer1", "login", null, null, 0, 0, null, "dev-shared", "10.0.0.2", at(6)));
        in.add(event("l2", "buyer2", "login", null, null, 0, 0, null, "dev-shared", "10.0.0.2",
                at(6).plusSeconds(30)));
        // Purchases over three event-time hours: demand series, item volumes, top items.
        in.add(event("b1", "buyer1", "purchase", "p1", "c2", 40, 2, "o-b1", "dev-shared", "10.0.0.2", at(10)));
        in.add(event("b2", "buyer2", "purchase", "p2", "c2", 25, 1, "o-b2", "dev-shared", "10.0.0.2", at(20)));
        in.add(event("b3", "buyer1", "purchase", "p1", "c2", 40, 2, "o-b3", "dev-shared", "10.0.0.2", at(70)));
        in.add(event("b4", "buyer1", "purchase", "p2", "c2", 25, 1, "o-b4", "dev-shared", "10.0.0.2", at(80)));
        in.add(event("b5", "buyer2", "purchase", "p2", "c2", 25, 3, "o-b5", "dev-shared", "10.0.0.2", at(90)));
        in.add(event("b6", "buyer1", "purchase", "p1", "c2", 40, 2, "o-b6", "dev-shared", "10.0.0.2", at(130)));
        in.add(event("b7", "buyer2", "purchase", "p1", "c2", 40, 1, "o-b7", "dev-shared", "10.0.0.2", at(135)));
        // An open cart, left at 12:30: due at 13:00.
        in.add(event("k1", "carter", "view", "x", "c3", 120, 1, null, "dev-3", "10.0.0.3", at(149)));
        in.add(event("k2", "carter", "add_to_cart", "x", "c3", 120, 1, null, "dev-3", "10.0.0.3", at(150)));
        // The last event: the watermark ends near 12:30:55.
        in.add(event("w1", "u0", "view", "b", "c1", 20, 1, null, "phone-u0", "10.0.1.0", at(151)));
        return in;
    }

    private static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private static E2e.Input event(String id, String user, String type, String item, String category, double price,
            int quantity, String order, String device, String ip, Instant time) {
        StringBuilder json = new StringBuilder();
        json.append(String.format("{\"event_id\":\"%s\",\"event_time\":\"%s\",\"user_id\":\"%s\",\"type\":\"%s\"",
                id, time, user, type));
        if (item != null) {
            json.append(String.format(",\"item_id\":\"%s\",\"category_id\":\"%s\",\"price\":%s,\"quantity\":%d",
                    item, category, price, quantity));
        }
        if (order != null) {
            json.append(String.format(",\"order_id\":\"%s\"", order));
        }
        json.append(String.format(",\"context\":{\"device_id\":\"%s\",\"ip\":\"%s\"}}", device, ip));
        return new E2e.Input(user, json.toString().getBytes(StandardCharsets.UTF_8), 0);
    }

    private static JsonNode list(CommittedOutputs outputs, String triggerEventId) {
        return outputs.recommendations.stream()
                .filter(rec -> rec.get("trigger_event_id").asText().equals(triggerEventId)).findFirst().orElse(null);
    }

    private static JsonNode cartAlert(CommittedOutputs outputs) {
        return outputs.alerts.stream().filter(alert -> alert.get("kind").asText().equals("cart_abandonment")
                && alert.get("user_id").asText().equals("carter")).findFirst().orElse(null);
    }

    private static JsonNode deviceFarmAlert(CommittedOutputs outputs) {
        return outputs.alerts.stream().filter(alert -> StreamSupport.stream(alert.get("reasons").spliterator(), false)
                .anyMatch(reason -> reason.get("detail").asText().contains("device_farm.device_users_24h")))
                .findFirst().orElse(null);
    }

    private static JsonNode forecast(List<JsonNode> forecasts) {
        return forecasts.stream().filter(forecast -> forecast.get("series").asText().equals("category:c2")
                && forecast.get("window_end").asText().equals("2026-11-20T13:00:00Z")).findFirst().orElse(null);
    }

    private static KafkaConsumer<byte[], byte[]> forecasts(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "restore-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topic.DEMAND_FORECASTS.topicName()));
        return consumer;
    }
}
