package dev.funnelflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Per format: a file with rows out of time order and one bad row, and the event ids in time order. */
    static Stream<Arguments> datasets() {
        return Stream.of(
                Arguments.of("diginetica", """
                        session_id;user_id;item_id;timeframe;eventdate
                        1;NA;81766;526309;2016-05-09
                        1;NA;31331;1031018;2016-05-09
                        2;NA;32118;nope;2016-05-09
                        3;42;9654;75848;2016-05-09
                        """, List.of("dg-5", "dg-2", "dg-3")),
                Arguments.of("yoochoose", """
                        1,2014-04-07T10:54:09.868Z,214536500,0
                        1,2014-04-07T10:51:09.277Z,214536502,0
                        2,2014-04-07,214536502,0
                        420374,2014-04-06T18:44:58.314Z,214537888,12462,1
                        """, List.of("yc-4", "yc-2", "yc-1")),
                Arguments.of("retailrocket", """
                        timestamp,visitorid,event,itemid,transactionid
                        1433221332117,257597,view,355908,
                        1433224214164,992329,view,248676,
                        1433221999827,111016,transaction,7943,17
                        1433221999828,111016,unknown,7943,
                        """, List.of("rr-2", "rr-4", "rr-3")),
                Arguments.of("taobao", """
                        543462,1715,1464116,pv,1511658060
                        662867,2244074,1575622,fav,1511658000
                        561558,3611281,965809,buy
                        561558,3611281,965809,cart,1511658030
                        """, List.of("tb-2", "tb-4", "tb-1")),
                Arguments.of("rees46", """
                        event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
                        2019-10-01 00:00:04 UTC,view,3900821,2053013552326770905,,aqua,33.20,554748717,9333dfbd
                        2019-10-01 00:00:00 UTC,purchase,17200506,2053013559792632471,,,543.10,519107250,566511c2
                        2019-10-01 00:00:01 UTC,view,1307067,2053013558920217191,,lenovo,251.74,550050854
                        2019-10-01 00:00:02 UTC,cart,1480613,2053013561092866779,,pulser,908.62,535871217,c6bd7419
                        """, List.of("r46-3", "r46-5", "r46-2")),
                Arguments.of("online-retail", """
                        "InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"
                        "546306","21733","RED HANGING HEART T-LIGHT HOLDER",2,"2011-03-10 16:16:00",2.95,NA,"United Kingdom"
                        "557055","23203","JUMBO BAG DOILEY PATTERNS",20,"2011-06-16 14:45:00",2.08,12621,"Germany"
                        "572516","22336","damaged",-71,"2011-10-24 14:45:00",0,NA,"United Kingdom"
                        "556484","21670","BLUE SPOT CERAMIC DRAWER KNOB",6,"2011-06-12 13:17:00",1.25,16938,"United Kingdom"
                        """, List.of("uci-2", "uci-5", "uci-3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void importsEachFormatSortedWithBadRowsSkippedAndAMetaFile(String format, String content, List<String> ids)
            throws IOException {
        Path input = Files.writeString(dir.resolve(format + ".csv"), content);
        Path output = dir.resolve("events.jsonl");

        CommandRun run = CommandRun.of(new ImportCommand(), "--format", format, "--input", input.toString(),
                "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> events = readLines(output);
        assertThat(events).extracting(event -> event.get("event_id").asText()).containsExactlyElementsOf(ids);
        assertThat(events).extracting(event -> event.get("event_time").asText()).isSorted();
        JsonNode summary = JSON.readTree(run.out());
        assertThat(summary.get("events").asInt()).isEqualTo(3);
        assertThat(summary.get("skipped").asInt()).isEqualTo(1);
        assertThat(summary.get("skip_reasons")).hasSize(1);
        JsonNode meta = JSON.readTree(dir.resolve("events.jsonl.meta.json").toFile());
        assertThat(meta.get("format").asText()).isEqualTo(format);
        assertThat(meta.get("events").asInt()).isEqualTo(3);
        assertThat(meta.get("first_event_ms").asLong())
                .isEqualTo(java.time.Instant.parse(events.get(0).get("event_time").asText()).toEpochMilli());
    }

    @Test
    void testDaysMovesTheTestStart() throws IOException {
        Path input = Files.writeString(dir.resolve("UserBehavior.csv"), "1,2,3,pv,1511658000\n");

        CommandRun run = CommandRun.of(new ImportCommand(), "--format", "TAOBAO", "--input", input.toString(),
                "--output", dir.resolve("out.jsonl").toString(), "--test-days", "2");

        assertThat(run.exitCode()).isZero();
        assertThat(JSON.readTree(run.out()).get("test_start_ms").asLong()) // 2017-11-25T00:00Z
                .isEqualTo(1_511_568_000_000L);
    }

    @Test
    void unknownFormatIsAOneLineErrorListingTheFormats() {
        CommandRun run = CommandRun.of(new ImportCommand(), "--format", "movielens", "--input", "x",
                "--output", "y");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).contains("unknown format 'movielens'")
                .contains("diginetica, yoochoose, retailrocket, taobao, rees46, online-retail");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void missingInputIsAnError() {
        CommandRun run = CommandRun.of(new ImportCommand(), "--format", "taobao",
                "--input", dir.resolve("absent.csv").toString(), "--output", dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).startsWith("--input: no such file: ");
    }

    @Test
    void testDaysBelowOneIsAnError() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "1,2,3,pv,1511658000\n");

        CommandRun run = CommandRun.of(new ImportCommand(), "--format", "taobao", "--input", input.toString(),
                "--output", dir.resolve("out.jsonl").toString(), "--test-days", "0");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).isEqualTo("--test-days must be >= 1, got 0");
    }

    @Test
    void wrongHeaderIsAnErrorNamingTheExpectedHeader() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "1,2,3,pv,1511658000\n");

        CommandRun run = CommandRun.of(new ImportCommand(), "--format", "rees46", "--input", input.toString(),
                "--output", dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.firstErrorLine()).contains("expected the rees46 header 'event_time,event_type,");
        assertThat(run.err()).doesNotContain("Exception");
    }

    @Test
    void helpListsTheFormats() {
        CommandRun run = CommandRun.of(new ImportCommand(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("diginetica", "yoochoose", "retailrocket", "taobao", "rees46", "online-retail",
                "--test-days");
    }

    private static List<JsonNode> readLines(Path file) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(JSON.readTree(line));
        }
        return events;
    }
}
