package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.alerts.churn.ChurnModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChurnCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long WEEK = 7 * 86_400_000L;

    @TempDir
    static Path dir;
    private static Path events;

    /**
     * 1,500 customers of a BG/NBD world (r=0.8, α=6, a=0.6, b=2.5) joining during the first 26 weeks of a
     * 78-week log; a few page views mixed in, which the commands must skip.
     */
    @BeforeAll
    static void writeEvents() throws IOException {
        RandomDataGenerator random = new RandomDataGenerator(7);
        record Line(long time, String json) {}
        List<Line> lines = new ArrayList<>();
        for (int c = 0; c < 1_500; c++) {
            double lambda = random.nextGamma(0.8, 1 / 6.0);
            double p = random.nextBeta(0.6, 2.5);
            double week = random.nextUniform(0, 26);
            lines.add(new Line(START + (long) (week * WEEK), purchase(c, 0, week)));
            for (int n = 1; ; n++) {
                week += random.nextExponential(1 / lambda);
                if (week >= 78) {
                    break;
                }
                lines.add(new Line(START + (long) (week * WEEK), purchase(c, n, week)));
                if (random.nextDouble() < p) {
                    break;
                }
            }
        }
        lines.add(new Line(START + 78 * WEEK, "{\"event_id\": \"v\", \"event_time\": " + (START + 78 * WEEK)
                + ", \"user_id\": \"c1\", \"type\": \"view\", \"item_id\": \"i\"}"));
        lines.sort((x, y) -> Long.compare(x.time(), y.time()));
        events = Files.write(dir.resolve("events.jsonl"), lines.stream().map(Line::json).toList());
    }

    private static String purchase(int customer, int n, double week) {
        return "{\"event_id\": \"c" + customer + "-" + n + "\", \"event_time\": " + (START + (long) (week * WEEK))
                + ", \"user_id\": \"c" + customer + "\", \"type\": \"purchase\", \"item_id\": \"i\", \"price\": 10}";
    }

    @Test
    void trainChurnWritesTheParametersWithTheirModelCard() throws IOException {
        Path models = dir.resolve("models");
        CommandRun run = CommandRun.of(new TrainChurnCommand(), "--events", events.toString(), "--output", models.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("customers").asInt()).isEqualTo(1_500);
        ChurnModel model = ChurnModel.read(models.resolve(ChurnModel.FILE_NAME));
        assertThat(model.modelVersion()).matches("churn-bgnbd-[0-9a-f]{8}").isEqualTo(summary.get("model_version").asText());
        assertThat(model.parameters().r()).isBetween(0.5, 1.2);
        assertThat(model.card().at("/training/observation_end").asText()).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(model.card().at("/fit/log_likelihood").asDouble()).isNegative();

        CommandRun again = CommandRun.of(new TrainChurnCommand(), "--events", events.toString(), "--output", models.toString());
        assertThat(JSON.readTree(again.out()).get("model_version").asText())
                .as("same data, same version").isEqualTo(model.modelVersion());
    }

    @Test
    void evalChurnComparesTheModelWithRecency() throws IOException {
        CommandRun run = CommandRun.of(new EvalChurnCommand(), "--events", events.toString(),
                "--calibration-end", "2025-10-01T00:00:00Z");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.fieldNames()).toIterable().startsWith("customers", "holdout_buyers", "auc_p_alive",
                "auc_expected_purchases", "auc_recency");
        assertThat(report.get("customers").asInt()).isEqualTo(1_500);
        assertThat(report.get("holdout_buyers").asInt()).isBetween(100, 1_400);
        assertThat(report.get("auc_expected_purchases").asDouble()).isGreaterThan(0.7);
        assertThat(report.get("auc_p_alive_repeaters").asDouble()).isGreaterThan(0.6);
        assertThat(report.get("holdout_end").asText()).isEqualTo("2026-07-01T00:00:00Z");
    }

    @Test
    void badArgumentsAreOneLineErrors() {
        CommandRun late = CommandRun.of(new EvalChurnCommand(), "--events", events.toString(),
                "--calibration-end", "2027-01-01T00:00:00Z");
        assertThat(late.exitCode()).isNotZero();
        assertThat(late.firstErrorLine()).isEqualTo("--calibration-end must be before the holdout end 2026-07-01T00:00:00Z");
        CommandRun early = CommandRun.of(new EvalChurnCommand(), "--events", events.toString(),
                "--calibration-end", "2024-01-01T00:00:00Z");
        assertThat(early.firstErrorLine()).isEqualTo("no customer bought before the calibration end");
        CommandRun badTime = CommandRun.of(new TrainChurnCommand(), "--events", events.toString(),
                "--output", dir.toString(), "--end", "soon");
        assertThat(badTime.firstErrorLine()).contains("cannot parse 'soon' (expected ISO-8601 or epoch ms)");
        String missing = dir.resolve("none.jsonl").toString();
        CommandRun noFile = CommandRun.of(new TrainChurnCommand(), "--events", missing, "--output", dir.toString());
        assertThat(noFile.firstErrorLine()).isEqualTo("--events: no such file: " + missing);
    }
}
