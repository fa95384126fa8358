package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.contract.TopicSchemas;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path airPassengers() throws Exception {
        Path file = dir.resolve("air-passengers.csv");
        try (InputStream in = getClass().getResourceAsStream("/demand/air-passengers.csv")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    @Test
    void forecastsAirPassengersByMonthWithAPlot() throws Exception {
        Path svg = dir.resolve("air.svg");
        CommandRun run = CommandRun.of(new ForecastCommand(), "--input", airPassengers().toString(), "--season", "12",
                "--plot", svg.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("forecast: ARIMA(2,1,1)(0,1,0)[12] on 144 points");

        JsonNode out = JSON.readTree(run.out());
        assertThat(out.path("history_points").asInt()).isEqualTo(144);
        JsonNode model = out.path("model");
        assertThat(List.of(model.path("p").asInt(), model.path("d").asInt(), model.path("q").asInt()))
                .containsExactly(2, 1, 1);
        assertThat(model.path("seasonal").toString()).isEqualTo("{\"P\":0,\"D\":1,\"Q\":0,\"m\":12}");
        assertThat(model.path("params").path("ma1").asDouble()).isCloseTo(-0.98, within(0.01));
        JsonNode points = out.path("forecast");
        assertThat(points).hasSize(24);
        assertThat(points.get(0).path("time").asText()).isEqualTo("1961-01");
        assertThat(points.get(23).path("time").asText()).isEqualTo("1962-12");
        JsonNode first = points.get(0);
        assertThat(first.path("lo95").asDouble()).isLessThan(first.path("lo80").asDouble());
        assertThat(first.path("lo80").asDouble()).isLessThan(first.path("mean").asDouble());
        assertThat(first.path("hi95").asDouble()).isGreaterThan(first.path("hi80").asDouble());

        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(document.getElementsByTagName("polygon").getLength()).isEqualTo(2);
        assertThat(document.getElementsByTagName("polyline").getLength()).isEqualTo(2);
    }

    /**
     * The model and the interval fields follow the {@code demand-forecasts} contract. The record-only fields do not
     * apply to a CSV (no series key, bucket or emission; points carry {@code time}/{@code step} as DESIGN.md §4 says,
     * not {@code window_end}): those, and only those, are what the topic schema reports.
     */
    @Test
    void outputFollowsTheDemandForecastsContractWhereACsvCan() throws Exception {
        CommandRun run = CommandRun.of(new ForecastCommand(), "--input", airPassengers().toString(), "--season", "12");
        assertThat(run.exitCode()).as(run.err()).isZero();

        Pattern recordOnly = Pattern.compile("^(: required property '(series|window|window_end|emitted_at)' not found"
                + "|/forecast/\\d+: (required property 'window_end' not found|property 'time' is not defined.*))$");
        assertThat(TopicSchemas.violations("demand-forecasts", run.out()))
                .isNotEmpty()
                .allSatisfy(violation -> assertThat(violation).matches(recordOnly));

        ObjectNode asRecord = (ObjectNode) JSON.readTree(run.out());
        asRecord.put("series", "csv:air-passengers").put("window", "30d").put("window_end", "2026-01-01T00:00:00Z")
                .put("emitted_at", "2026-01-01T00:00:01Z");
        for (JsonNode point : asRecord.path("forecast")) {
            ((ObjectNode) point).remove("time");
            ((ObjectNode) point).put("window_end", "2026-02-01T00:00:00Z");
        }
        TopicSchemas.assertValid("demand-forecasts", asRecord.toString());
    }

    @Test
    void irregularTimesGiveStepsAndShortSeriesASimpleMethod() throws Exception {
        Path csv = dir.resolve("short.csv");
        Files.writeString(csv, "time,value\n3,10\n7,12\n8,11\n20,13\n");
        CommandRun run = CommandRun.of(new ForecastCommand(), "--input", csv.toString(), "--horizon", "3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("mean (short history) on 4 points");
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.path("forecast")).extracting(p -> p.path("step").asInt()).containsExactly(1, 2, 3);
        assertThat(out.path("model").path("params").path("mean").asDouble()).isEqualTo(11.5);
        assertThat(out.path("model").has("seasonal")).isFalse();
    }

    @Test
    void continuesDailyDates() throws Exception {
        StringBuilder csv = new StringBuilder("time,value\n");
        for (int day = 1; day <= 30; day++) {
            csv.append(String.format("2011-11-%02d,%d%n", day, 20 + day % 7));
        }
        Path file = dir.resolve("daily.csv");
        Files.writeString(file, csv);
        CommandRun run = CommandRun.of(new ForecastCommand(), "--input", file.toString(), "--horizon", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).path("forecast")).extracting(p -> p.path("time").asText())
                .containsExactly("2011-12-01", "2011-12-02");
    }

    @Test
    void badArgumentsFailWithOneClearLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "time,value\n2020-01,1\n2020-02,x\n");
        assertThat(CommandRun.of(new ForecastCommand(), "--input", bad.toString()))
                .satisfies(run -> {
                    assertThat(run.exitCode()).isEqualTo(2);
                    assertThat(run.firstErrorLine()).endsWith("line 3: value 'x' is not a finite number");
                });
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "date;sales\n");
        assertThat(CommandRun.of(new ForecastCommand(), "--input", header.toString()).firstErrorLine())
                .contains("expected 2 fields");
        assertThat(CommandRun.of(new ForecastCommand(), "--input", dir.resolve("none.csv").toString()))
                .satisfies(run -> {
                    assertThat(run.exitCode()).isEqualTo(2);
                    assertThat(run.firstErrorLine()).contains("--input: no such file");
                });
        assertThat(CommandRun.of(new ForecastCommand(), "--input", airPassengers().toString(), "--horizon", "0")
                .firstErrorLine()).isEqualTo("--horizon must be >= 1, got 0");
        assertThat(CommandRun.of(new ForecastCommand(), "--input", airPassengers().toString(), "--plot", "a.png")
                .firstErrorLine()).contains("only SVG");
    }
}
