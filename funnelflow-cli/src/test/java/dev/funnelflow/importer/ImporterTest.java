package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ImportProgress NO_PROGRESS = (rows, events, skipped) -> { };

    @TempDir
    Path dir;

    @Test
    void sortsByEventTimeKeepingInputOrderOnTies() throws IOException {
        Path input = write("events.csv", """
                timestamp,visitorid,event,itemid,transactionid
                1433222279000,u1,view,a,
                1433222277000,u2,view,b,
                1433222279000,u3,view,c,
                1433222277000,u4,view,d,
                """);

        new Importer(ImportFormat.RETAILROCKET, 7, NO_PROGRESS).run(List.of(input), dir.resolve("out.jsonl"));

        assertThat(field(readLines(dir.resolve("out.jsonl")), "event_id"))
                .containsExactly("rr-3", "rr-5", "rr-2", "rr-4");
    }

    @Test
    void writesClickstreamJsonWithIsoUtcMillisecondTimes() throws IOException {
        Path input = write("events.csv", """
                timestamp,visitorid,event,itemid,transactionid
                1433222276276,599528,transaction,356475,4000
                """);

        new Importer(ImportFormat.RETAILROCKET, 7, NO_PROGRESS).run(List.of(input), dir.resolve("out.jsonl"));

        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEqualTo(
                "{\"event_id\":\"rr-2\",\"event_time\":\"2015-06-02T05:17:56.276Z\",\"user_id\":\"599528\","
                        + "\"type\":\"purchase\",\"item_id\":\"356475\",\"order_id\":\"4000\"}\n");
    }

    @Test
    void rowsTheJobWouldDeadLetterAreSkipped() throws IOException {
        Path input = write("events.csv", """
                timestamp,visitorid,event,itemid,transactionid
                1433222276276,599528,view,356475,
                1000,599528,view,356475,
                1433222276276,%s,view,356475,
                """.formatted("u".repeat(129)));

        ImportResult result = new Importer(ImportFormat.RETAILROCKET, 7, NO_PROGRESS)
                .run(List.of(input), dir.resolve("out.jsonl"));

        assertThat(result.events()).isEqualTo(1);
        assertThat(result.skipReasons()).containsExactly(
                "events.csv:3: event time 1970-01-01T00:00:01Z is outside the years 2000-2099",
                "events.csv:4: user_id is empty or longer than 128 characters");
    }

    @Test
    void badRowsAreCountedAndSkippedWithTheFirstReasons() throws IOException {
        StringBuilder rows = new StringBuilder("1,2,3,pv,1511658000\n");
        for (int i = 0; i < 7; i++) {
            rows.append("1,2,3,pv\n");
        }
        rows.append("1,2,3,zap,1511658001\n");
        Path input = write("UserBehavior.csv", rows.toString());

        ImportResult result = new Importer(ImportFormat.TAOBAO, 7, NO_PROGRESS)
                .run(List.of(input), dir.resolve("out.jsonl"));

        assertThat(result.events()).isEqualTo(1);
        assertThat(result.skipped()).isEqualTo(8);
        assertThat(result.skipReasons()).hasSize(Importer.MAX_SKIP_REASONS)
                .first().isEqualTo("UserBehavior.csv:2: expected 5 fields, found 4");
        assertThat(readLines(dir.resolve("out.jsonl"))).hasSize(1);
    }

    @Test
    void metaFileHasCountsTimeSpanAndTheStartOfTheLastSevenDays() throws IOException {
        Path input = write("views.csv", """
                session_id;user_id;item_id;timeframe;eventdate
                1;NA;10;5000;2016-01-03
                2;NA;11;1108000;2016-06-01
                x;NA;12;oops;2016-06-01
                """);

        new Importer(ImportFormat.DIGINETICA, 7, NO_PROGRESS).run(List.of(input), dir.resolve("events.jsonl"));

        JsonNode meta = JSON.readTree(dir.resolve("events.jsonl.meta.json").toFile());
        assertThat(meta.fieldNames()).toIterable().containsExactly("format", "source", "events", "skipped",
                "first_event_ms", "last_event_ms", "test_start_ms");
        assertThat(meta.get("format").asText()).isEqualTo("diginetica");
        assertThat(meta.get("source").asText()).isEqualTo(input.toString());
        assertThat(meta.get("events").asLong()).isEqualTo(2);
        assertThat(meta.get("skipped").asLong()).isEqualTo(1);
        assertThat(meta.get("first_event_ms").asLong()).isEqualTo(millis("2016-01-03T00:00:05Z"));
        assertThat(meta.get("last_event_ms").asLong()).isEqualTo(millis("2016-06-01T00:18:28Z"));
        assertThat(meta.get("test_start_ms").asLong()).isEqualTo(millis("2016-05-26T00:00:00Z"));
    }

    @Test
    void testPeriodIsTheLastCalendarDaysUpToTheLastEvent() {
        long lastEvent = millis("2016-06-01T23:59:59.999Z");

        assertThat(Importer.testStartMs(lastEvent, 7)).isEqualTo(millis("2016-05-26T00:00:00Z"));
        assertThat(Importer.testStartMs(lastEvent, 1)).isEqualTo(millis("2016-06-01T00:00:00Z"));
        assertThat(Importer.testStartMs(millis("2016-06-02T00:00:00Z"), 1)).isEqualTo(millis("2016-06-02T00:00:00Z"));
    }

    @Test
    void inputWithoutEventsGivesNullTimesInMeta() throws IOException {
        Path input = write("UserBehavior.csv", "garbage\n");

        ImportResult result = new Importer(ImportFormat.TAOBAO, 7, NO_PROGRESS)
                .run(List.of(input), dir.resolve("out.jsonl"));

        assertThat(result.meta()).containsEntry("events", 0L).containsEntry("skipped", 1L)
                .containsEntry("test_start_ms", null);
        assertThat(Files.readString(dir.resolve("out.jsonl"))).isEmpty();
    }

    @Test
    void wrongHeaderMeansWrongFormatAndFailsTheImport() throws IOException {
        Path input = write("UserBehavior.csv", "543462,1715,1464116,pv,1511658000\n");

        assertThatThrownBy(() -> new Importer(ImportFormat.RETAILROCKET, 7, NO_PROGRESS)
                .run(List.of(input), dir.resolve("out.jsonl")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected the retailrocket header 'timestamp,visitorid,event,itemid,transactionid'");
        assertThat(dir.resolve("out.jsonl")).doesNotExist();
    }

    @Test
    void spillingToDiskGivesTheSameOutputAsSortingInMemory() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            rows.append("u").append(i % 7).append(",item").append(i).append(",c,pv,")
                    .append(1_511_658_000 + (i * 37) % 11).append('\n');
        }
        Path input = write("UserBehavior.csv", rows.toString());

        new Importer(ImportFormat.TAOBAO, 7, NO_PROGRESS).run(List.of(input), dir.resolve("memory.jsonl"));
        new Importer(ImportFormat.TAOBAO, 7, NO_PROGRESS, 3).run(List.of(input), dir.resolve("spilled.jsonl"));

        assertThat(Files.readString(dir.resolve("spilled.jsonl"))).isEqualTo(Files.readString(dir.resolve("memory.jsonl")));
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".import-sort-"));
        }
    }

    @Test
    void gzipInputsAreReadAndSeveralInputsNumberLinesAsOneStream() throws IOException {
        Path clicks = dir.resolve("clicks.dat.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(clicks))) {
            out.write("1,2014-04-07T10:51:09.277Z,100,0\n1,2014-04-07T10:52:00.000Z,101,0\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path buys = write("buys.dat", "1,2014-04-07T10:51:30.000Z,100,500,2\n");

        ImportResult result = new Importer(ImportFormat.YOOCHOOSE, 7, NO_PROGRESS)
                .run(List.of(clicks, buys), dir.resolve("out.jsonl"));

        List<JsonNode> events = readLines(dir.resolve("out.jsonl"));
        assertThat(field(events, "event_id")).containsExactly("yc-1", "yc-3", "yc-2");
        assertThat(field(events, "type")).containsExactly("view", "purchase", "view");
        assertThat(result.source()).isEqualTo(clicks + "," + buys);
    }

    @Test
    void byteOrderMarkAndBlankLinesAreIgnored() throws IOException {
        Path input = write("events.csv", "\uFEFFtimestamp,visitorid,event,itemid,transactionid\n\n1433222276276,u,view,a,\n\n");

        ImportResult result = new Importer(ImportFormat.RETAILROCKET, 7, NO_PROGRESS)
                .run(List.of(input), dir.resolve("out.jsonl"));

        assertThat(result.events()).isEqualTo(1);
        assertThat(result.skipped()).isZero();
        assertThat(field(readLines(dir.resolve("out.jsonl")), "event_id")).containsExactly("rr-3");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    private static List<String> field(List<JsonNode> events, String name) {
        return events.stream().map(event -> event.get(name).asText()).toList();
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
