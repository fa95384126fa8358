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
    void acceptsEpochMillisIntegerIdsAndDefaultsQuantity() {
        ClickEvent event = accept("{\"event_id\":\"e\",\"event_time\":1767000000000,\"user_id\":7,\"type\":\"view\",\"item_id\":123}");
        assertThat(event.userId()).isEqualTo("7");
        assertThat(event.itemId()).isEqualTo("123");
        assertThat(event.quantity()).isEqualTo(1);
        assertThat(event.sessionId()).isNull();
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
