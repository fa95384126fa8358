package dev.funnelflow.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.contract.TopicSchemas;
import dev.funnelflow.event.EventJson.TimeFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RecordOrigin ORIGIN = new RecordOrigin("clickstream", 0, 7);
    /** Accepts every contract event time: the clock sits at the start of 2026 and allows a century of skew. */
    private static final EventParser PARSER = new EventParser(1 << 20, Duration.ofDays(36_500),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private static final long TIME = Instant.parse("2025-12-31T10:00:00.123Z").toEpochMilli();

    private final EventJson json = new EventJson();

    @Test
    void writesFieldsInTheSchemasOrderCompactly() {
        ClickEvent purchase = new ClickEvent("e1", TIME, "u1", "s1", EventType.PURCHASE, "i1", "c1", 9.5, 2, "o1",
                null, "r1", new EventContext("d1", "10.0.0.1", "Mozilla/5.0", "DE", "web"),
                new Payment("card", "fp-1", 19.0, "EUR"), ORIGIN);

        assertThat(json.encodeToString(purchase, TimeFormat.RFC_3339)).isEqualTo("{\"event_id\":\"e1\","
                + "\"event_time\":\"2025-12-31T10:00:00.123Z\",\"user_id\":\"u1\",\"session_id\":\"s1\","
                + "\"type\":\"purchase\",\"item_id\":\"i1\",\"category_id\":\"c1\",\"price\":9.5,\"quantity\":2,"
                + "\"order_id\":\"o1\",\"rec_id\":\"r1\",\"context\":{\"device_id\":\"d1\",\"ip\":\"10.0.0.1\","
                + "\"user_agent\":\"Mozilla/5.0\",\"country\":\"DE\",\"channel\":\"web\"},\"payment\":{\"method\":\"card\","
                + "\"card_fingerprint\":\"fp-1\",\"amount\":19.0,\"currency\":\"EUR\"}}");
    }

    @Test
    void leavesOutAbsentFieldsAndAQuantityOfOne() {
        ClickEvent search = new ClickEvent("e2", TIME, "u2", null, EventType.SEARCH, null, null, null, 1, null,
                "red shoes", null, new EventContext(null, null, null, null, "app"), new Payment(null, null, null, null),
                null);

        assertThat(json.encodeToString(search, TimeFormat.EPOCH_MILLIS)).isEqualTo("{\"event_id\":\"e2\","
                + "\"event_time\":1767175200123,\"user_id\":\"u2\",\"type\":\"search\",\"query\":\"red shoes\","
                + "\"context\":{\"channel\":\"app\"},\"payment\":{}}");
        assertThat(new String(EventJson.encode(search), StandardCharsets.UTF_8))
                .as("the one-shot form writes an RFC 3339 time").contains("\"event_time\":\"2025-12-31T10:00:00.123Z\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000-01-01T00:00:00.000Z", "2099-12-31T23:59:59.999Z", "2016-02-29T12:34:56.007Z",
        "2016-05-09T00:08:46.309Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "0000-03-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z"})
    void writesRfc3339TimesInUtcAlwaysWithMilliseconds(String time) throws Exception {
        ClickEvent login = login("e", Instant.parse(time).toEpochMilli());

        assertThat(JSON.readTree(json.encode(login, TimeFormat.RFC_3339)).get("event_time").textValue())
                .isEqualTo(time);
        assertThat(JSON.readTree(json.encode(login, TimeFormat.EPOCH_MILLIS)).get("event_time").longValue())
                .isEqualTo(Instant.parse(time).toEpochMilli());
    }

    @Test
    void yearsBeyondFourDigitsAreWrittenAsJavaTimeWritesThem() throws Exception {
        long far = Instant.parse("+10000-01-01T00:00:00Z").toEpochMilli();

        assertThat(JSON.readTree(json.encode(login("e", far), TimeFormat.RFC_3339)).get("event_time").textValue())
                .isEqualTo("+10000-01-01T00:00:00Z");
    }

    /** Whole cents as Double.toString writes them (the importer's lines keep their bytes); the rest through it. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.1, 0.5, 5, 19.9, 19.99, 35.79, 12462, 9_999_999.99, 1e7, 1e9, 0.001, 1.005,
        123.456, 1.0 / 3, 4.9e-324, 0.1 + 0.2, 99_999.995, -0.0})
    void pricesReadBackAsTheSameDouble(double price) throws Exception {
        ClickEvent view = new ClickEvent("e", TIME, "u", null, EventType.VIEW, "i", null, price, 1, null, null, null,
                null, null, null);

        JsonNode written = JSON.readTree(json.encode(view, TimeFormat.EPOCH_MILLIS)).get("price");

        assertThat(written.isNumber()).isTrue();
        assertThat(Double.compare(Double.parseDouble(written.asText()), price)).isZero();
        assertThat(Double.compare(written.doubleValue(), price)).isZero();
        String text = new String(json.encode(view, TimeFormat.EPOCH_MILLIS), StandardCharsets.UTF_8);
        assertThat(text).contains("\"price\":" + Double.toString(price) + "}");
    }

    @Test
    void refusesNumbersJsonCannotHold() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            ClickEvent view = new ClickEvent("e", TIME, "u", null, EventType.VIEW, "i", null, bad, 1, null, null, null,
                    null, null, null);
            assertThatThrownBy(() -> json.encode(view, TimeFormat.RFC_3339))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price must be finite");
        }
    }

    @Test
    void escapesStringsAndWritesStrictUtf8WithoutRawNewlines() throws Exception {
        String nasty = "quote\" backslash\\ slash/ newline\n return\r tab\t bell\u0007 nul\u0000 del\u007f "
                + "é ß 中文 😀 \u2028";
        ClickEvent view = new ClickEvent(nasty, TIME, nasty, nasty, EventType.VIEW, nasty, nasty, 1.0, 1, nasty,
                nasty, nasty, new EventContext(nasty, nasty, nasty, null, nasty), null, null);

        byte[] bytes = json.encode(view, TimeFormat.RFC_3339);

        assertThat(strictUtf8(bytes)).doesNotContain("\n", "\r", "\t", "\u0000");
        JsonNode read = JSON.readTree(bytes);
        for (String field : List.of("event_id", "user_id", "session_id", "item_id", "category_id", "order_id",
                "query", "rec_id")) {
            assertThat(read.get(field).textValue()).isEqualTo(nasty);
        }
        assertThat(strictUtf8(bytes)).contains("\\\"", "\\\\", "\\n", "\\r", "\\t", "\\u0007", "\\u0000", "中文", "😀");
    }

    @Test
    void aLoneSurrogateIsEscapedSinceUtf8CannotCarryIt() throws Exception {
        String lone = "a\uD83Db\uDE00";
        ClickEvent search = new ClickEvent("e", TIME, "u", null, EventType.SEARCH, null, null, null, 1, null, lone,
                null, null, null, null);

        byte[] bytes = json.encode(search, TimeFormat.RFC_3339);

        assertThat(strictUtf8(bytes)).contains("a\\ud83db\\ude00");
        assertThat(JSON.readTree(bytes).get("query").textValue()).isEqualTo(lone);
    }

    @Test
    void theBufferGrowsForLargeEventsAndIsReused() {
        String query = "x".repeat(EventParser.MAX_QUERY_LENGTH);
        ClickEvent big = new ClickEvent("e", TIME, "u", null, EventType.SEARCH, null, null, null, 1, null, query,
                null, null, null, null);
        ClickEvent small = login("s", TIME);

        byte[] first = json.encode(big, TimeFormat.RFC_3339);
        byte[] second = json.encode(small, TimeFormat.RFC_3339);

        assertThat(first.length).isGreaterThan(EventParser.MAX_QUERY_LENGTH);
        assertThat(second).isEqualTo(new EventJson().encode(small, TimeFormat.RFC_3339));
    }

    /** A long string seen again (a client's user agent on each of its events) is copied: the bytes must not change. */
    @Test
    void recurringLongStringsAreWrittenAsTheFirstTime() {
        String agent = "Mozilla/5.0 (\"quoted\"; ünïcode 😀) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0";
        List<ClickEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String other = "another long user agent, number " + i + ", that pushes others out of the cache";
            events.add(new ClickEvent("e" + i, TIME, "u", null, EventType.VIEW, "i", null, null, 1, null, null, null,
                    new EventContext(null, null, i % 3 == 0 ? other : agent, null, null), null, null));
        }
        for (ClickEvent event : events) {
            assertThat(json.encode(event, TimeFormat.RFC_3339))
                    .isEqualTo(new EventJson().encode(event, TimeFormat.RFC_3339));
        }
    }

    /** Every event the contract allows, written either way, is valid and parses back to an equal event. */
    @Test
    void eventsWithinTheContractRoundTripThroughTheParser() {
        List<ClickEvent> events = contractEvents();
        for (ClickEvent event : events) {
            for (TimeFormat format : TimeFormat.values()) {
                String text = json.encodeToString(event, format);
                TopicSchemas.assertValid("clickstream", text);
                Ingested parsed = PARSER.parse(text.getBytes(StandardCharsets.UTF_8), ORIGIN);
                assertThat(parsed.rejected()).as(text).isNull();
                assertThat(parsed.event()).as(text).isEqualTo(withOrigin(event, ORIGIN));
            }
        }
        assertThat(events).extracting(ClickEvent::type).contains(EventType.values());
    }

    /** Every type with its optional fields absent and present, and the contract's extremes. */
    static List<ClickEvent> contractEvents() {
        List<ClickEvent> events = new ArrayList<>();
        long earliest = EventParser.EARLIEST_EVENT_TIME;
        long latest = EventParser.END_OF_EVENT_TIMES - 1;
        String longestId = "😀".repeat(EventParser.MAX_ID_LENGTH); // 128 code points, 256 chars
        String longestQuery = "ü".repeat(EventParser.MAX_QUERY_LENGTH);
        for (EventType type : EventType.values()) {
            String item = type.needsItem() ? "i-" + type.wireName() : null;
            String query = type == EventType.SEARCH ? "shoes" : null;
            events.add(new ClickEvent("min-" + type.wireName(), TIME, "u", null, type, item, null, null, 1, null,
                    query, null, null, null, null));
            events.add(new ClickEvent("max-" + type.wireName(), TIME, "u", "s", type, "i", "c", 19.99, 3, "o",
                    "q", "r", new EventContext("d", "2001:db8::1", "FunnelShop/5.3.1 (iOS 18.1)", "DE", "app"),
                    new Payment("card", "fp", 59.97, "USD"), null));
        }
        events.add(new ClickEvent("a", earliest, "u", null, EventType.LOGIN, null, null, null, 1, null, null, null,
                null, null, null));
        events.add(new ClickEvent("b", latest, "u", null, EventType.LOGIN, null, null, null, 1, null, null, null,
                null, null, null));
        events.add(new ClickEvent(longestId, TIME, longestId, longestId, EventType.PURCHASE, longestId, longestId,
                EventParser.MAX_PRICE, EventParser.MAX_QUANTITY, longestId, longestQuery, longestId,
                new EventContext("", "", "", null, ""),
                new Payment("x", "y", EventParser.MAX_AMOUNT, "EUR"), null));
        events.add(new ClickEvent("zero", TIME, "u", null, EventType.VIEW, "i", null, 0.0, 1, null, "", null,
                null, new Payment(null, null, 0.0, null), null));
        events.add(new ClickEvent("odd prices", TIME, "u", null, EventType.PURCHASE, "i", null, 1.0 / 3, 2, null,
                null, null, null, new Payment(null, null, 2.0 / 3, null), null));
        events.add(new ClickEvent("tiny", TIME, "u", null, EventType.ADD_TO_CART, "i", null, Double.MIN_VALUE, 1,
                null, null, null, null, null, null));
        events.add(new ClickEvent("\"quoted\" \\ \t\n\u0001 é 中 😀", TIME, "ユーザー", "séance\u2028", EventType.SEARCH,
                null, null, null, 1, null, "naïve \"query\" with\nnewline and \uD800 lone surrogate", null,
                new EventContext("\u0000", "::1", "agent\\\"", "US", "\u007f"), null, null));
        return events;
    }

    static ClickEvent withOrigin(ClickEvent e, RecordOrigin origin) {
        return new ClickEvent(e.eventId(), e.eventTime(), e.userId(), e.sessionId(), e.type(), e.itemId(),
                e.categoryId(), e.price(), e.quantity(), e.orderId(), e.query(), e.recId(), e.context(), e.payment(),
                origin);
    }

    private static ClickEvent login(String id, long time) {
        return new ClickEvent(id, time, "u", null, EventType.LOGIN, null, null, null, 1, null, null, null, null, null,
                null);
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
