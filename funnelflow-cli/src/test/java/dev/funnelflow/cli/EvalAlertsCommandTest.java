package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalAlertsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path events;
    private Path labels;
    private Path alerts;

    /**
     * Six users: attackers a1 (card testing, alerted 0.9 then 0.5), a2 (card testing, missed), a3 (bot,
     * alerted 0.6); normal users n1 (false alarm 0.3), n2 and n3 (quiet). One churn alert that must not count.
     */
    @BeforeEach
    void writeFiles() throws IOException {
        events = Files.write(dir.resolve("events.jsonl"), List.of(
                event("a1"), event("a2"), event("a3"), event("n1"), event("n2"), event("n3"), "not json"));
        labels = Files.write(dir.resolve("labels.csv"), List.of(
                "user_id,label,scenario", "a1,1,card_testing", "a2,1,card_testing", "a3,1,bot", "n1,0,"));
        alerts = Files.write(dir.resolve("alerts.jsonl"), List.of(
                alert("a1", "fraud", 0.9), alert("a1", "fraud", 0.5), alert("a3", "fraud", 0.6),
                alert("n1", "fraud", 0.3), alert("n2", "churn_risk", 0.99)));
    }

    @Test
    void printsPrecisionRecallF1AndAucPerUser() throws IOException {
        CommandRun run = CommandRun.of(new EvalAlertsCommand(), "--events", events.toString(),
                "--labels", labels.toString(), "--alerts", alerts.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.fieldNames()).toIterable().startsWith("kind", "precision", "recall", "f1", "auc");
        assertThat(report.get("users").asInt()).isEqualTo(6);
        assertThat(report.get("positives").asInt()).isEqualTo(3);
        assertThat(report.get("flagged").asInt()).isEqualTo(3);
        assertThat(report.get("precision").asDouble()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(report.get("recall").asDouble()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(report.get("f1").asDouble()).isCloseTo(2 / 3.0, within(1e-12));
        // scores a1 .9, a3 .6, a2 0 against n1 .3, n2 0, n3 0: a1 and a3 beat all 3 (6 pairs), a2 ties 2 and
        // loses 1 (worth 1 pair) -> 7 / 9
        assertThat(report.get("auc").asDouble()).isCloseTo(7 / 9.0, within(1e-12));
        assertThat(report.at("/by_scenario/card_testing/recall").asDouble()).isEqualTo(0.5);
        assertThat(report.at("/by_scenario/bot/caught").asInt()).isEqualTo(1);
    }

    @Test
    void anotherKindCanBeEvaluated() throws IOException {
        CommandRun run = CommandRun.of(new EvalAlertsCommand(), "--events", events.toString(),
                "--labels", labels.toString(), "--alerts", alerts.toString(), "--kind", "churn_risk");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("flagged").asInt()).isEqualTo(1);
        assertThat(report.get("precision").asDouble()).isZero();
    }

    @Test
    void badArgumentsAreOneLineErrors() throws IOException {
        Path badLabels = Files.write(dir.resolve("bad.csv"), List.of("user_id,label,scenario", "a1,yes,bot"));
        assertError(CommandRun.of(new EvalAlertsCommand(), "--events", events.toString(), "--labels",
                badLabels.toString(), "--alerts", alerts.toString()),
                "--labels: " + badLabels + " line 2: label must be 0 or 1, got 'yes'");
        Path noHeader = Files.write(dir.resolve("noheader.csv"), List.of("a1,1,bot"));
        assertError(CommandRun.of(new EvalAlertsCommand(), "--events", events.toString(), "--labels",
                noHeader.toString(), "--alerts", alerts.toString()),
                "--labels: " + noHeader + ": the header must be 'user_id,label,scenario'");
        assertError(CommandRun.of(new EvalAlertsCommand(), "--events", events.toString(), "--labels",
                labels.toString(), "--alerts", alerts.toString(), "--kind", "spam"),
                "--kind must be one of fraud, churn_risk, cart_abandonment, got 'spam'");
        String missing = dir.resolve("none.jsonl").toString();
        assertError(CommandRun.of(new EvalAlertsCommand(), "--events", events.toString(), "--labels",
                labels.toString(), "--alerts", missing), "--alerts: no such file: " + missing);
    }

    private static void assertError(CommandRun run, String message) {
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).isEqualTo(message);
        assertThat(run.err()).doesNotContain("Exception");
    }

    private static String event(String user) {
        return "{\"event_id\": \"e-" + user + "\", \"event_time\": 1793577600000, \"user_id\": \"" + user
                + "\", \"type\": \"login\"}";
    }

    private static String alert(String user, String kind, double score) {
        return "{\"alert_id\": \"x\", \"kind\": \"" + kind + "\", \"user_id\": \"" + user + "\", \"score\": " + score + "}";
    }
}
