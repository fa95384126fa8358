package dev.funnelflow.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a converter makes of a row, the importer writes with the one encoder, and the parser reads back as is. */
class ImportRoundTripTest {

    private static final RecordOrigin ORIGIN = new RecordOrigin("clickstream", 0, 0);
    /** Accepts the contract's whole range of event times: now is 2026, with a century of allowed skew. */
    private static final EventParser PARSER = new EventParser(1 << 20, Duration.ofDays(36_500),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    /** The longest id the contract allows: 128 code points, in UTF-16 256 chars. */
    private static final String LONGEST_ID = "😀".repeat(EventParser.MAX_ID_LENGTH);

    @TempDir
    Path dir;

    static List<Arguments> datasets() {
        return List.of(
                Arguments.of(ImportFormat.TAOBAO, "UserBehavior.csv", """
                        543462,1715,1464116,pv,1511658000
                        u"quoted",i\\back,c/slash,cart,946684800
                        ユーザー,商品,カテゴリ,buy,4102444799
                        user\tтаб,it em,,fav,1511658001
                        %s,%s,%s,pv,1511658002
                        """.formatted(LONGEST_ID, LONGEST_ID, LONGEST_ID)),
                Arguments.of(ImportFormat.YOOCHOOSE, "yoochoose.dat", """
                        1,2014-04-07T10:51:09.277Z,214536502,S
                        2,2014-04-07T10:51:09.000Z,214536502,0
                        420374,2014-04-07T10:51:09.277Z,214537888,12462,1
                        420374,2014-04-07T10:52:00.001Z,214537889,0,0
                        420375,2000-01-01T00:00:00Z,214537890,10000000,10000
                        420376,2099-12-31T23:59:59.999Z,214537891,0.01,2
                        """),
                Arguments.of(ImportFormat.RETAILROCKET, "events.csv", """
                        timestamp,visitorid,event,itemid,transactionid
                        1433221332117,257597,view,355908,
                        1433222276276,599528,transaction,356475,4000
                        946684800000,v"1\\,addtocart,é,
                        4102444799999,%s,transaction,%s,%s
                        """.formatted(LONGEST_ID, LONGEST_ID, LONGEST_ID)),
                Arguments.of(ImportFormat.REES46, "2019-Oct.csv", """
                        event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session
                        2019-10-01 00:00:05 UTC,view,44600062,2103807459595387724,,shiseido,35.79,541312140,72d76fde
                        2019-10-01 00:00:06 UTC,cart,1,2,a.b,x,1.00,3,s"1"
                        2019-10-01 00:00:07 UTC,remove_from_cart,1,2,,,0,3,
                        2019-10-01 00:00:08 UTC,purchase,1,,,,10000000,3,s\\2
                        2019-10-01 00:00:09 UTC,purchase,1,,,,9999999.99,3,s\u00062
                        2019-10-01 00:00:10 UTC,view,1,,,,0.333,3,
                        """),
                Arguments.of(ImportFormat.ONLINE_RETAIL, "online_retail.csv", """
                        "InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"
                        "557055","23203","JUMBO BAG, ""DOILEY""\",20,"2011-06-16 14:45:00",2.08,12621,"Germany"
                        536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,NA,United Kingdom
                        536366,22633,é,10000,2099-12-31 23:59:59,0,17850,
                        """),
                Arguments.of(ImportFormat.DIGINETICA, "train-item-views.csv", """
                        session_id;user_id;item_id;timeframe;eventdate
                        1;NA;81766;526309;2016-05-09
                        1;194;81767;526400;2016-05-09
                        2;NA;81768;0;2000-01-01
                        3;NA;81769;86399999;2099-12-31
                        """));
    }

    @ParameterizedTest
    @MethodSource("datasets")
    void everyImportedLineParsesToTheEventItsRowConvertsTo(ImportFormat format, String file, String content)
            throws IOException, BadRowException {
        Path input = Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
        List<String> rows = content.lines().toList();
        RowConverter converter = format.converterFor(List.of(input));
        int dataRows = rows.size() - (converter.header() == null ? 0 : 1);

        ImportResult result = new Importer(format, 7, (read, events, skipped) -> { })
                .run(List.of(input), dir.resolve("out.jsonl"));

        List<String> lines = Files.readAllLines(dir.resolve("out.jsonl"), StandardCharsets.UTF_8);
        assertThat(result.skipReasons()).isEmpty();
        assertThat(lines).hasSize(dataRows);
        for (String line : lines) {
            TopicSchemas.assertValid("clickstream", line);
            Ingested parsed = PARSER.parse(line.getBytes(StandardCharsets.UTF_8), ORIGIN);
            assertThat(parsed.rejected()).as(line).isNull();
            ClickEvent event = parsed.event();
            int rowNumber = Integer.parseInt(event.eventId().substring(event.eventId().lastIndexOf('-') + 1));
            ClickEvent converted = converter.convert(rows.get(rowNumber - 1), event.eventId());
            assertThat(event).as(line).usingRecursiveComparison().ignoringFields("origin").isEqualTo(converted);
        }
    }
}
