package dev.funnelflow.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.flink.operators.CrossKeySightingsFunction.CrossKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * At parallelism 2, a new account's signup and instant purchase leave user-activity in order but count their users on
 * different device and IP subtasks: fraud detection must still see the signup first. When the events themselves took
 * the device and IP hops, the logins queued ahead of the signup let the purchase overtake it (three runs of three
 * alerted the purchase on anomaly reasons alone); a race cannot be forced, but this one was never lost.
 */
class FraudOrderReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARALLELISM = 2;
    private static final long T0 = 1_793_577_600_000L;
    /** Logins of other accounts queued on the signup's device and IP subtasks just before it: its path is the slow one. */
    private static final int QUEUED_AHEAD = 3_000;

    @TempDir
    Path dir;

    @Test
    void aSignupAndInstantPurchaseOnDifferentDeviceSubtasksAlertAsInstantPurchase() throws Exception {
        List<String> signupSideDevices = values("dev-", CrossKey.DEVICE, subtask -> subtask == 0, QUEUED_AHEAD + 1);
        List<String> signupSideIps = values("10.0.", CrossKey.IP, subtask -> subtask == 0, QUEUED_AHEAD + 1);
        String purchaseDevice = values("dev-p", CrossKey.DEVICE, subtask -> subtask == 1, 1).get(0);
        String purchaseIp = values("10.9.", CrossKey.IP, subtask -> subtask == 1, 1).get(0);
        String sharedDevice = signupSideDevices.get(0);

        List<String> lines = new ArrayList<>();
        long time = T0;
        // Two accounts used the shared device before: fewer than the device-farm rule's five, so no alert of the same
        // severity suppresses the purchase's.
        for (String earlier : List.of("earlier-1", "earlier-2")) {
            lines.add(event(earlier + "-login", earlier, "login", time++, sharedDevice, signupSideIps.get(0)));
        }
        for (int i = 1; i <= QUEUED_AHEAD; i++) {
            lines.add(event("busy-" + i, "busy-" + i, "login", time++, signupSideDevices.get(i), signupSideIps.get(i)));
        }
        lines.add(event("new-signup", "new-account", "signup", time, sharedDevice, signupSideIps.get(0)));
        lines.add(event("new-purchase", "new-account", "purchase", time + 1_000, purchaseDevice, purchaseIp));
        Path events = Files.write(dir.resolve("events.jsonl"), lines);

        Path out = dir.resolve("out");
        Replay.run(events, null, out, JobConfig.load(null, Map.of("parallelism.default", String.valueOf(PARALLELISM))));

        List<JsonNode> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            alerts.add(JSON.readTree(line));
        }
        assertThat(alerts).filteredOn(alert -> alert.get("user_id").asText().equals("new-account"))
                .anySatisfy(alert -> {
                    assertThat(alert.get("evidence_event_ids").get(0).asText()).isEqualTo("new-purchase");
                    assertThat(alert.get("reasons")).anySatisfy(reason ->
                            assertThat(reason.get("code").asText()).isEqualTo("new_account_instant_purchase"));
                });
    }

    /** Attribute values whose device or IP key lands on the wanted subtask of the cross-key operator. */
    private static List<String> values(String prefix, CrossKey crossKey, IntPredicate subtask, int count) {
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(PARALLELISM);
        return IntStream.iterate(0, i -> i + 1)
                .mapToObj(i -> prefix + (i / 250) + "." + (i % 250))
                .filter(value -> subtask.test(KeyGroupRangeAssignment.assignKeyToParallelOperator(
                        crossKey.keyOf(value), maxParallelism, PARALLELISM)))
                .limit(count)
                .toList();
    }

    private static String event(String id, String user, String type, long time, String device, String ip) {
        String purchase = type.equals("purchase")
                ? ",\"item_id\":\"i1\",\"price\":49.0,\"quantity\":1,\"order_id\":\"" + id + "-order\"" : "";
        return String.format("{\"event_id\":\"%s\",\"event_time\":%d,\"user_id\":\"%s\",\"type\":\"%s\"%s,"
                + "\"context\":{\"device_id\":\"%s\",\"ip\":\"%s\",\"country\":\"DE\",\"channel\":\"web\"}}",
                id, time, user, type, purchase, device, ip);
    }
}
