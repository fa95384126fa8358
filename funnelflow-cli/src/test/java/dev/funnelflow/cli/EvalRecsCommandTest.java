package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRecsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path events;
    private Path recs;

    /** Session s1 (day 1) has a hit, session s2 (day 2) a miss. */
    @BeforeEach
    void writeFiles() throws IOException {
        events = Files.write(dir.resolve("events.jsonl"), List.of(
                event("e1", "2016-05-01T10:00:00Z", "s1", "A"),
                event("e2", "2016-05-01T10:01:00Z", "s1", "B"),
                event("f1", "2016-05-02T10:00:00Z", "s2", "A"),
                event("f2", "2016-05-02T10:01:00Z", "s2", "C")));
        recs = Files.write(dir.resolve("recommendations.jsonl"), List.of(
                "{\"trigger_event_id\": \"e1\", \"items\": [{\"item_id\": \"B\"}]}",
                "{\"trigger_event_id\": \"f1\", \"items\": [{\"item_id\": \"B\"}]}"));
    }

    @Test
    void printsOneJsonLineStartingWithTheHeadlineFigures() throws IOException {
        CommandRun run = eval("recs", "--events", events.toString(), "--recommendations", recs.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.fieldNames()).toIterable().startsWith("k", "events", "hits", "hr", "mrr", "coverage",
                "catalog_coverage");
        assertThat(json.get("k").asInt()).isEqualTo(20);
        assertThat(json.get("events").asInt()).isEqualTo(2);
        assertThat(json.get("hr").asDouble()).isEqualTo(0.5);
    }

    @Test
    void testStartComesFromTheMetaFileBesideTheEventsUnlessAllOrFrom() throws IOException {
        Files.writeString(dir.resolve("events.jsonl.meta.json"), "{\"test_start_ms\": 1462147200000}"); // May 2

        assertThat(figures("--k", "5").get("events").asInt()).isEqualTo(1);
        assertThat(figures("--all").get("events").asInt()).isEqualTo(2);
        assertThat(figures("--from", "2016-05-01T00:00:00Z").get("events").asInt()).isEqualTo(2);
        assertThat(figures("--from", "1462147200000").get("hr").asDouble()).isZero();
    }

    @Test
    void explicitMetaFileIsUsed() throws IOException {
        Path meta = Files.writeString(dir.resolve("split.json"), "{\"test_start_ms\": 1462147200000}");

        assertThat(figures("--meta", meta.toString()).get("test_start_ms").asLong()).isEqualTo(1462147200000L);
    }

    @Test
    void badArgumentsAreOneLineErrors() throws IOException {
        String missing = dir.resolve("absent.jsonl").toString();
        assertError(eval("recs", "--events", missing, "--recommendations", recs.toString()),
                "--events: no such file: " + missing);
        assertError(eval("recs", "--events", events.toString(), "--recommendations", recs.toString(), "--k", "0"),
                "--k must be >= 1, got 0");
        assertError(eval("recs", "--events", events.toString(), "--recommendations", recs.toString(),
                "--from", "last tuesday"), "--from: cannot parse 'last tuesday' (expected ISO-8601 or epoch ms)");
        assertError(eval("recs", "--events", events.toString(), "--recommendations", recs.toString(),
                "--all", "--from", "0"), "--all and --from contradict each other; use one");
        Files.writeString(dir.resolve("events.jsonl.meta.json"), "{\"events\": 4}");
        assertError(eval("recs", "--events", events.toString(), "--recommendations", recs.toString()),
                "the meta file has no test_start_ms; pass --from T or --all");
    }

    @Test
    void evalWithoutSubcommandIsAnError() {
        CommandRun run = eval();

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).isEqualTo("missing subcommand: one of recs, model, alerts, churn, ab");
    }

    @Test
    void helpDescribesTheOptions() {
        CommandRun run = eval("recs", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--events", "--recommendations", "--k", "--from", "--meta", "--all");
    }

    private JsonNode figures(String... options) throws IOException {
        String[] args = new String[options.length + 5];
        args[0] = "recs";
        args[1] = "--events";
        args[2] = events.toString();
        args[3] = "--recommendations";
        args[4] = recs.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        CommandRun run = eval(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static CommandRun eval(String... args) {
        return CommandRun.of(new EvalCommand(), args);
    }

    private static void assertError(CommandRun run, String message) {
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).isEqualTo(message);
        assertThat(run.err()).doesNotContain("Exception");
    }

    private static String event(String id, String time, String session, String item) {
        return "{\"event_id\": \"" + id + "\", \"event_time\": \"" + time + "\", \"user_id\": \"u\", "
                + "\"session_id\": \"" + session + "\", \"type\": \"view\", \"item_id\": \"" + item + "\"}";
    }
}
