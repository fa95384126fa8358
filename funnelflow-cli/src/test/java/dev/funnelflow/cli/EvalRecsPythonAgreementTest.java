package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.eval.RecDiagnostic;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code eval recs} against the reference scorer {@code ../shared/tools/eval_recs.py} on generated data with the
 * protocol's corner cases (derived sessions, unknown triggers, emitted_at ties, duplicates, bad lines). Runs only
 * where the shared tools and Debian's Python are present; the suite must pass without them.
 */
class EvalRecsPythonAgreementTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SCRIPT = Path.of("../shared/tools/eval_recs.py");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2016-05-01T00:00:00Z").toEpochMilli();
    private static final long DAY_MS = 86_400_000L;

    @TempDir
    static Path dir;

    private static Path events;
    private static Path recs;

    @BeforeAll
    static void generate() throws IOException {
        Random random = new Random(20160501);
        List<String> eventLines = new ArrayList<>();
        List<String> recLines = new ArrayList<>();
        List<String> namedSessions = new ArrayList<>();
        long time = T0;
        for (int i = 0; i < 3000; i++) {
            time += random.nextInt(10) < 8 ? random.nextInt(300_000) : random.nextInt(4_000_000);
            int user = random.nextInt(40);
            boolean hasSession = user % 3 != 0; // a third of the users rely on derived sessions
            String session = "s" + user + "-" + (time / (6 * 3_600_000L));
            ObjectNode event = JsonNodeFactory.instance.objectNode()
                    .put("event_id", "ev-" + i)
                    .put("event_time", Instant.ofEpochMilli(time).toString())
                    .put("user_id", "u" + user);
            if (hasSession) {
                event.put("session_id", session);
                if (random.nextInt(50) == 0) {
                    namedSessions.add(session);
                }
            }
            event.put("type", random.nextInt(10) < 8 ? "view" : random.nextBoolean() ? "click" : "add_to_cart");
            event.put("item_id", "i" + (int) Math.floor(Math.abs(random.nextGaussian()) * 30));
            eventLines.add(event.toString());
            if (random.nextInt(200) == 0) {
                eventLines.add("{\"event_id\": \"broken\"");
            }
            if (random.nextInt(10) < 7) {
                recLines.add(recommendation(random, "ev-" + i, "u" + user, hasSession ? session : null, time));
            }
            if (random.nextInt(100) == 0) {
                recLines.add("not json");
            }
        }
        events = Files.write(dir.resolve("events.jsonl"), eventLines);
        recs = Files.write(dir.resolve("recommendations.jsonl"), recLines);
        ObjectNode meta = JsonNodeFactory.instance.objectNode().put("test_start_ms", T0 + 10 * DAY_MS);
        namedSessions.forEach(meta.putArray("table_e_sessions")::add);
        Files.writeString(dir.resolve("events.jsonl.meta.json"), meta.toString());
    }

    private static String recommendation(Random random, String trigger, String user, String session, long time) {
        ObjectNode rec = JsonNodeFactory.instance.objectNode()
                .put("trigger_event_id", random.nextInt(5) == 0 ? "unknown-" + trigger : trigger)
                .put("user_id", user)
                .put("event_time", Instant.ofEpochMilli(time + random.nextInt(2000)).toString())
                .put("emitted_at", time + random.nextInt(3) * 1000L);
        if (session != null) {
            rec.put("session_id", session);
        }
        ArrayNode items = rec.putArray("items");
        int length = random.nextInt(30);
        for (int i = 0; i < length; i++) {
            items.addObject().put("item_id", "i" + random.nextInt(40)).put("score", 1.0 / (i + 1));
        }
        return rec.toString();
    }

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of(List.of()),
                Arguments.of(List.of("--all")),
                Arguments.of(List.of("--from", "2016-05-05T12:00:00Z")),
                Arguments.of(List.of("--k", "5")));
    }

    @ParameterizedTest
    @MethodSource("options")
    void agreesWithTheReferenceScorer(List<String> options) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && Files.isRegularFile(SCRIPT), "needs /usr/bin/python3 and " + SCRIPT);

        JsonNode python = runPython(options);
        JsonNode java = runJava(options);

        assertThat(java.get("events").asLong()).isEqualTo(python.get("events").asLong()).isPositive();
        assertThat(java.get("hits").asLong()).isEqualTo(python.get("hits").asLong());
        for (String figure : List.of("hr", "mrr", "coverage", "catalog_coverage")) {
            assertThat(java.get(figure).asDouble()).as(figure)
                    .isCloseTo(python.get(figure).asDouble(), within(1e-4));
        }
        for (RecDiagnostic diagnostic : RecDiagnostic.values()) {
            assertThat(java.get(diagnostic.jsonName())).as(diagnostic.jsonName())
                    .isEqualTo(python.get(diagnostic.jsonName()));
        }
        assertThat(java.get("cutoffs")).isEqualTo(python.get("cutoffs"));
        assertThat(java.get("table_e_subset")).isEqualTo(python.get("table_e_subset"));
    }

    private static JsonNode runPython(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString(),
                "--events", events.toString(), "--recommendations", recs.toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String[] lines = output.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static JsonNode runJava(List<String> options) throws IOException {
        List<String> args = new ArrayList<>(List.of("recs",
                "--events", events.toString(), "--recommendations", recs.toString()));
        args.addAll(options);
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new EvalCommand()).setOut(new PrintWriter(out));
        assertThat(command.execute(args.toArray(String[]::new))).isZero();
        return JSON.readTree(out.toString());
    }
}
