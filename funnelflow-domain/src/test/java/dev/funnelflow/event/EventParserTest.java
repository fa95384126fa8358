package dev.funnelflow.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final RecordOrigin ORIGIN = new RecordOrigin("clickstream", 3, 42);
    private final EventParser parser = new EventParser(1024, Duration.ofDays(1), NOW);
    private static final String LOGIN = "{\"event_id\":\"e\",\"event_time\":1767000000000,\"user_id\":\"u\",\"type\":\"login\"}";
    /** A view without its closing brace, for appending fields. */
    private static final String VIEW = "{\"event_id\":\"e\",\"event_time\":1767000000000,\"user_id\":\"u\",\"type\":\"view\",\"item_id\":\"i\"";
    /** A search without its query and closing brace. */
    private static final String SEARCH = "{\"event_id\":\"e\",\"event_time\":1767000000000,\"user_id\":\"u\",\"type\":\"search\"";

    @Test
    void parsesAFullPurchase() {
        ClickEvent event = accept("""
                {"event_id":"e1","event_time":"2025-12-31T10:00:00Z","user_id":"u1","session_id":"s1",
                 "type":"purchase","item_id":"i1","category_id":"c1","price":9.5,"quantity":2,"order_id":"o1",
                 "context":{"device_id":"d1","ip":"10.0.0.1","country":"DE","channel":"web"},
                 "payment":{"method":"card","card_fingerprint":"fp","amount":19.0,"currency":"EUR"},
                 "some_future_field":{"kept":"and ignored"}}""");
        assertThat(event.type()).isEqualTo(EventType.PURCHASE);
        assertThat(event.eventTime()).isEqualTo(Instant.parse("2025-12-31T10:00:00Z").toEpochMilli());
        assertThat(event.quantity()).isEqualTo(2);
        assertThat(event.context().country()).isEqualTo("DE");
        assertThat(event.purchaseValue()).isEqualTo(19.0);
        assertThat(event.origin()).isEqualTo(ORIGIN);
    }

    @Test
    void acceptsEpochMillisAndIntegralNumbersAndDefaultsQuantity() {
        ClickEvent event = accept("{\"event_id\":\"e\",\"event_time\":1767000000000,\"user_id\":\"7\",\"type\":\"view\",\"item_id\":\"123\"}");
        assertThat(event.userId()).isEqualTo("7");
        assertThat(event.eventTime()).isEqualTo(1767000000000L);
        assertThat(event.quantity()).isEqualTo(1);
        assertThat(event.sessionId()).isNull();
        // JSON Schema's integer is any number without a fraction, so the parser's is too.
        assertThat(accept(LOGIN.replace("1767000000000", "1.767e12")).eventTime()).isEqualTo(1767000000000L);
        assertThat(accept(VIEW + ",\"quantity\":2.0}").quantity()).isEqualTo(2);
    }

    @Test
    void acceptsTheContractsBoundaries() {
        assertThat(accept(LOGIN.replace("1767000000000", "946684800000")).eventTime()).isEqualTo(946684800000L);
        // The schema bounds the year as written: this is 2000-01-01 in its own offset, 1999 in UTC.
        assertThat(accept(LOGIN.replace("1767000000000", "\"2000-01-01T00:30:00+01:00\"")).eventTime())
                .isEqualTo(Instant.parse("1999-12-31T23:30:00Z").toEpochMilli());
        assertThat(accept(LOGIN.replace("1767000000000", "\"2016-12-31T23:59:60Z\"")).eventTime())
                .as("a real leap second").isEqualTo(Instant.parse("2017-01-01T00:00:00Z").toEpochMilli());
        ClickEvent event = accept(VIEW + ",\"price\":1e7,\"quantity\":10000,\"session_id\":\"" + "s".repeat(128)
                + "\",\"payment\":{\"amount\":1e9,\"currency\":\"USD\"},\"context\":{\"country\":\"DE\"}}");
        assertThat(event.price() * event.quantity()).isEqualTo(1e11);
        // Lengths count code points, as JSON Schema does: 128 emoji are 256 UTF-16 chars.
        assertThat(accept(LOGIN.replace("\"u\"", "\"" + "\uD83D\uDE00".repeat(128) + "\"")).userId()).hasSize(256);
        assertThat(accept(SEARCH + ",\"query\":\"\"}").query()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated JSON          | {"event_id":"e","type":                                                     | malformed_json
            array                   | [1,2]                                                                         | not_an_object
            no user                 | {"event_id":"e","event_time":1767000000000,"type":"login"}                    | missing_field
            no event time           | {"event_id":"e","user_id":"u","type":"login"}                                 | missing_field
            view without item       | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"view"}       | missing_field
            unknown type            | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"teleport"}   | unknown_type
            price as text           | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"view","item_id":"i","price":"abc"} | wrong_type
            negative price          | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"view","item_id":"i","price":-1}    | invalid_value
            zero quantity           | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"view","item_id":"i","quantity":0}  | invalid_value
            fractional quantity     | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"view","item_id":"i","quantity":1.5}| wrong_type
            year 1970               | {"event_id":"e","event_time":5,"user_id":"u","type":"login"}                  | absurd_timestamp
            year 2100               | {"event_id":"e","event_time":"2100-01-01T00:00:00Z","user_id":"u","type":"login"} | absurd_timestamp
            bad time text           | {"event_id":"e","event_time":"yesterday","user_id":"u","type":"login"}        | wrong_type
            context not an object   | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login","context":"web"} | wrong_type
            numeric id              | {"event_id":"e","event_time":1767000000000,"user_id":7,"type":"login"}        | wrong_type
            empty id                | {"event_id":"","event_time":1767000000000,"user_id":"u","type":"login"}       | invalid_value
            null session            | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login","session_id":null} | wrong_type
            type as number          | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":1}            | wrong_type
            digit-string time       | {"event_id":"e","event_time":"1767000000000","user_id":"u","type":"login"}    | wrong_type
            time without seconds    | {"event_id":"e","event_time":"2025-12-31T10:00Z","user_id":"u","type":"login"} | wrong_type
            time without offset     | {"event_id":"e","event_time":"2025-12-31T10:00:00","user_id":"u","type":"login"} | wrong_type
            fractional epoch ms     | {"event_id":"e","event_time":1767000000000.5,"user_id":"u","type":"login"}    | wrong_type
            year 1999 as written    | {"event_id":"e","event_time":"1999-12-31T23:30:00-01:00","user_id":"u","type":"login"} | absurd_timestamp
            epoch ms of 2100        | {"event_id":"e","event_time":4102444800000,"user_id":"u","type":"login"}      | absurd_timestamp
            search without query    | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"search"}     | missing_field
            price above maximum     | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"view","item_id":"i","price":1e400} | invalid_value
            quantity above maximum  | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"view","item_id":"i","quantity":10001} | invalid_value
            amount above maximum    | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login","payment":{"amount":1000000001}} | invalid_value
            empty payment method    | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login","payment":{"method":""}} | invalid_value
            lower-case country      | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login","context":{"country":"de"}} | invalid_value
            currency with newline   | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login","payment":{"currency":"USD\\n"}} | invalid_value
            two objects             | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login"}{}    | malformed_json
            trailing garbage        | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login"} x    | malformed_json
            trailing comment        | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login"} //c  | malformed_json
            duplicate key           | {"event_id":"e","event_time":1767000000000,"user_id":"u","user_id":"v","type":"login"} | malformed_json
            nested duplicate key    | {"event_id":"e","event_time":1767000000000,"user_id":"u","type":"login","context":{"ip":"a","ip":"b"}} | malformed_json
            blank                   | '   '                                                                         | empty_record
            """)
    void rejectsWithAReason(String description, String json, String code) {
        DeadLetter letter = reject(json.getBytes(StandardCharsets.UTF_8));
        assertThat(letter.error()).isEqualTo(code);
        assertThat(letter.detail()).isNotBlank();
        assertThat(letter.raw()).isEqualTo(json);
        assertThat(letter.partition()).isEqualTo(3);
        assertThat(letter.offset()).isEqualTo(42);
        assertThat(letter.receivedAt()).isEqualTo(NOW.millis());
    }

    @Test
    void rejectsNonUtf8AndEmptyAndOversize() {
        assertThat(reject(new byte[] {'{', '"', (byte) 0xc3, '(', '"', '}'}).error()).isEqualTo("invalid_utf8");
        // An overlong '/' that Jackson would decode: a classic filter bypass.
        assertThat(reject(new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':', '1', '}'}).error()).isEqualTo("invalid_utf8");
        assertThat(accept("{\"event_id\":\"é\",\"event_time\":1767000000000,\"user_id\":\"ü\",\"type\":\"login\"}").userId()).isEqualTo("ü");
        assertThat(reject(new byte[0]).error()).isEqualTo("empty_record");
        byte[] huge = ("{\"pad\":\"" + "x".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        DeadLetter oversize = reject(huge);
        assertThat(oversize.error()).isEqualTo("oversize");
        assertThat(oversize.truncated()).isTrue();
        assertThat(oversize.raw()).hasSize(DeadLetter.MAX_RAW_BYTES);
    }

    @Test
    void rejectsAByteOrderMark() {
        byte[] json = LOGIN.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertThat(reject(withBom).error()).isEqualTo("malformed_json");
    }

    @Test
    void boundsEventTimeByTheIngestClockWhenTheRecordHasNoTimestamp() {
        // NOW is 2026-01-01T00:00Z and the allowed skew one day.
        assertThat(accept(LOGIN.replace("1767000000000", "\"2026-01-02T00:00:00Z\"")).eventTime())
                .isEqualTo(Instant.parse("2026-01-02T00:00:00Z").toEpochMilli());
        DeadLetter future = reject(LOGIN.replace("1767000000000", "\"2026-01-02T00:00:00.001Z\"")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(future.error()).isEqualTo("future_event");
        assertThat(future.detail()).contains("PT24H", "2026-01-01T00:00:00Z", "ingest clock");
    }

    @Test
    void boundsEventTimeByTheRecordTimestampCappedByTheIngestClock() {
        long appended = Instant.parse("2025-12-01T00:00:00Z").toEpochMilli();
        RecordOrigin replayedFromKafka = new RecordOrigin("clickstream", 3, 42, NOW.millis(), appended);
        String inADay = LOGIN.replace("1767000000000", "\"2025-12-02T00:00:00Z\"");
        String laterThanThat = LOGIN.replace("1767000000000", "\"2025-12-02T00:00:01Z\"");
        assertThat(parser.parse(inADay.getBytes(StandardCharsets.UTF_8), replayedFromKafka).isAccepted()).isTrue();
        DeadLetter future = parser.parse(laterThanThat.getBytes(StandardCharsets.UTF_8), replayedFromKafka).rejected();
        assertThat(future.error()).isEqualTo("future_event");
        assertThat(future.detail()).contains("2025-12-01T00:00:00Z", "record's timestamp");

        // A producer's own timestamp from the future does not widen the bound: the ingest clock caps it.
        RecordOrigin stampedAhead = new RecordOrigin("clickstream", 3, 42, NOW.millis(),
                Instant.parse("2026-06-01T00:00:00Z").toEpochMilli());
        DeadLetter capped = parser.parse(LOGIN.replace("1767000000000", "\"2026-03-01T00:00:00Z\"")
                .getBytes(StandardCharsets.UTF_8), stampedAhead).rejected();
        assertThat(capped.error()).isEqualTo("future_event");
        assertThat(capped.detail()).contains("2026-01-01T00:00:00Z", "ingest clock");
    }

    @Test
    void encodedEventsParseBackToTheSameEvent() {
        ClickEvent event = accept("""
                {"event_id":"e1","event_time":"2025-12-31T10:00:00.123Z","user_id":"u1","type":"add_to_cart",
                 "item_id":"i1","price":3.25,"rec_id":"r1","context":{"device_id":"d"}}""");
        assertThat(parser.parse(EventJson.encode(event), ORIGIN).event()).isEqualTo(event);
    }

    private ClickEvent accept(String json) {
        Ingested result = parser.parse(json.getBytes(StandardCharsets.UTF_8), ORIGIN);
        assertThat(result.rejected()).as("rejection").isNull();
        return result.event();
    }

    private DeadLetter reject(byte[] raw) {
        Ingested result = parser.parse(raw, ORIGIN);
        assertThat(result.event()).isNull();
        return result.rejected();
    }
}
