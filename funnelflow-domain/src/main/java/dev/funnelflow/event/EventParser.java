package dev.funnelflow.event;

import com.ethlo.time.ITU;
import com.ethlo.time.LeapSecondException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Parses and validates one raw clickstream record against the {@code clickstream} contract
 * ({@code schemas/clickstream.schema.json}): it accepts exactly the documents the schema accepts, which
 * {@code ContractConformanceTest} checks on a generated corpus. Never throws on input: a bad record becomes a
 * {@link DeadLetter} whose error code says what was wrong and whose detail says where.
 *
 * <p>A record is exactly one JSON object: trailing content (a second object, garbage, a comment) and duplicate
 * keys at any depth are {@code malformed_json}, because consumers that keep the first or the last of two keys
 * would otherwise see different events. Unknown extra fields are ignored, as the contract asks; a known field
 * set to {@code null} has the wrong type.
 */
public final class EventParser implements Serializable {

    private static final long serialVersionUID = 2L;
    /** The schema's epoch-millisecond range of event times: years 2000 to 2099. */
    public static final long EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    public static final long END_OF_EVENT_TIMES = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    /** The schema's upper bounds: generous for any shop, small enough that price x quantity stays finite. */
    public static final double MAX_PRICE = 1e7;
    public static final int MAX_QUANTITY = 10_000;
    public static final double MAX_AMOUNT = 1e9;
    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_QUERY_LENGTH = 1024;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int maxRecordBytes;
    private final Duration maxClockSkew;
    private final long maxClockSkewMillis;
    private final Clock clock;

    /**
     * @param maxRecordBytes records larger than this are rejected as {@code oversize} without being parsed
     * @param maxClockSkew how far an event time may be ahead of its record's reference time (see
     *     {@link #referenceTime}) before it is rejected as {@code future_event}
     */
    public EventParser(int maxRecordBytes, Duration maxClockSkew, Clock clock) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxClockSkew = maxClockSkew;
        this.maxClockSkewMillis = maxClockSkew.toMillis();
        this.clock = clock;
    }

    public EventParser(int maxRecordBytes, Duration maxClockSkew) {
        this(maxRecordBytes, maxClockSkew, Clock.systemUTC());
    }

    public Ingested parse(byte[] raw, RecordOrigin origin) {
        try {
            return Ingested.accepted(parseOrThrow(raw, origin));
        } catch (Rejection rejection) {
            return Ingested.rejected(
                    DeadLetter.of(raw, rejection.reason, rejection.getMessage(), origin, clock.millis()));
        }
    }

    private ClickEvent parseOrThrow(byte[] raw, RecordOrigin origin) {
        if (raw == null || raw.length == 0) {
            throw new Rejection(RejectReason.EMPTY_RECORD, "empty record");
        }
        if (isBlank(raw)) {
            throw new Rejection(RejectReason.EMPTY_RECORD, "record is only whitespace");
        }
        if (raw.length > maxRecordBytes) {
            throw new Rejection(RejectReason.OVERSIZE,
                    "record is " + raw.length + " bytes, the limit is " + maxRecordBytes);
        }
        // JSON text on the wire carries no byte order mark (RFC 8259 §8.1); Jackson would skip it, the schema not.
        if (raw.length >= 3 && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF) {
            throw new Rejection(RejectReason.MALFORMED_JSON, "record starts with a byte order mark");
        }
        // Jackson decodes some invalid UTF-8 (e.g. the overlong C0 AF for '/'), so check strictly first.
        if (!isUtf8(raw)) {
            throw new Rejection(RejectReason.INVALID_UTF8, "record is not valid UTF-8");
        }
        JsonNode root = readJson(raw);
        if (!root.isObject()) {
            throw new Rejection(RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(root));
        }
        EventType type = type(root);
        return new ClickEvent(
                requiredId(root, "event_id"),
                eventTime(root, origin),
                requiredId(root, "user_id"),
                optionalId(root, "session_id"),
                type,
                type.needsItem() ? requiredId(root, "item_id", type) : optionalId(root, "item_id"),
                optionalId(root, "category_id"),
                optionalNumber(root, "price", MAX_PRICE),
                quantity(root),
                optionalId(root, "order_id"),
                query(root, type),
                optionalId(root, "rec_id"),
                context(root.get("context")),
                payment(root.get("payment")),
                origin);
    }

    private static JsonNode readJson(byte[] raw) {
        try {
            return MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw new Rejection(RejectReason.MALFORMED_JSON, e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new Rejection(RejectReason.MALFORMED_JSON, e.getMessage());
        }
    }

    /** Only JSON whitespace: what a blank line of a file or a padded empty Kafka value holds. */
    private static boolean isBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(byte[] raw) {
        if (isAscii(raw)) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static EventType type(JsonNode root) {
        JsonNode node = root.get("type");
        if (node == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "type is required");
        }
        if (!node.isTextual()) {
            throw new Rejection(RejectReason.WRONG_TYPE, "type must be a string, got " + describe(node));
        }
        String name = node.textValue();
        return EventType.fromWireName(name).orElseThrow(() ->
                new Rejection(RejectReason.UNKNOWN_TYPE, "unknown event type '" + abbreviate(name) + "'"));
    }

    /**
     * The schema's {@code timestamp}: an RFC 3339 date-time whose text starts with a year 20xx, or integer epoch
     * milliseconds of the same years. Within that range, an event may not be more than {@code maxClockSkew} ahead
     * of its record's reference time: such a clock would hold the watermark hostage.
     */
    private long eventTime(JsonNode root, RecordOrigin origin) {
        JsonNode node = root.get("event_time");
        if (node == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "event_time is required");
        }
        long millis;
        if (isInteger(node)) {
            if (!node.canConvertToLong() || node.longValue() < EARLIEST_EVENT_TIME
                    || node.longValue() >= END_OF_EVENT_TIMES) {
                throw new Rejection(RejectReason.ABSURD_TIMESTAMP, "event_time " + abbreviate(node.asText())
                        + " ms is outside [" + Instant.ofEpochMilli(EARLIEST_EVENT_TIME) + ", "
                        + Instant.ofEpochMilli(END_OF_EVENT_TIMES) + ")");
            }
            millis = node.longValue();
        } else if (node.isTextual()) {
            millis = dateTime(node.textValue());
        } else {
            throw new Rejection(RejectReason.WRONG_TYPE,
                    "event_time must be an RFC 3339 date-time string or integer epoch milliseconds, got "
                            + describe(node));
        }
        long reference = referenceTime(origin);
        if (millis - reference > maxClockSkewMillis) {
            throw new Rejection(RejectReason.FUTURE_EVENT, "event_time " + Instant.ofEpochMilli(millis)
                    + " is more than " + maxClockSkew + " ahead of the record's reference time "
                    + Instant.ofEpochMilli(reference) + " (" + referenceName(origin) + ")");
        }
        return millis;
    }

    /**
     * When the record was produced, as far as the job can trust it: the Kafka append time, but never later than the
     * ingest clock (a producer may stamp its records itself); the ingest clock when the source has no timestamp.
     */
    private long referenceTime(RecordOrigin origin) {
        long now = clock.millis();
        return origin.appendedAt() >= 0 ? Math.min(origin.appendedAt(), now) : now;
    }

    private String referenceName(RecordOrigin origin) {
        return origin.appendedAt() >= 0 && origin.appendedAt() <= clock.millis()
                ? "the record's timestamp" : "the ingest clock";
    }

    /** RFC 3339 exactly as the schema validator's {@code date-time} format (leap seconds included), year 20xx. */
    private static long dateTime(String text) {
        long millis;
        try {
            millis = ITU.parseDateTime(text).toInstant().toEpochMilli();
        } catch (LeapSecondException e) {
            if (!e.isVerifiedValidLeapYearMonth()) {
                throw notADateTime(text);
            }
            millis = e.getNearestDateTime().toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw notADateTime(text);
        }
        // The schema bounds the text's year (^20[0-9]{2}-), not the instant: 2099-12-31T23:00-05:00 is valid.
        if (text.charAt(0) != '2' || text.charAt(1) != '0') {
            throw new Rejection(RejectReason.ABSURD_TIMESTAMP,
                    "event_time '" + abbreviate(text) + "' is outside the years 2000-2099");
        }
        return millis;
    }

    private static Rejection notADateTime(String text) {
        return new Rejection(RejectReason.WRONG_TYPE,
                "event_time '" + abbreviate(text) + "' is not an RFC 3339 date-time (e.g. 2026-01-31T09:30:00Z)");
    }

    private static int quantity(JsonNode root) {
        JsonNode node = root.get("quantity");
        if (node == null) {
            return 1;
        }
        if (!isInteger(node)) {
            throw new Rejection(RejectReason.WRONG_TYPE, "quantity must be an integer, got " + describe(node));
        }
        if (!node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_QUANTITY) {
            throw new Rejection(RejectReason.INVALID_VALUE,
                    "quantity must be in [1, " + MAX_QUANTITY + "], got " + abbreviate(node.asText()));
        }
        return node.intValue();
    }

    /** JSON Schema's integer: any number without a fractional part, so 2.0 and 1e2 are integers too. */
    private static boolean isInteger(JsonNode node) {
        return node.isIntegralNumber() || node.isNumber() && node.canConvertToExactIntegral();
    }

    private static String query(JsonNode root, EventType type) {
        String query = optionalText(root, "query", 0, MAX_QUERY_LENGTH);
        if (query == null && type == EventType.SEARCH) {
            throw new Rejection(RejectReason.MISSING_FIELD, "query is required for type search");
        }
        return query;
    }

    private static EventContext context(JsonNode node) {
        if (node == null) {
            return null;
        }
        requireObject(node, "context");
        String country = optionalText(node, "context.country", "country", 0, Integer.MAX_VALUE);
        if (country != null && !isUpperCaseCode(country, 2)) {
            throw new Rejection(RejectReason.INVALID_VALUE,
                    "context.country must be an ISO 3166-1 alpha-2 code like DE, got '" + abbreviate(country) + "'");
        }
        return new EventContext(
                optionalText(node, "context.device_id", "device_id", 0, Integer.MAX_VALUE),
                optionalText(node, "context.ip", "ip", 0, Integer.MAX_VALUE),
                optionalText(node, "context.user_agent", "user_agent", 0, Integer.MAX_VALUE),
                country,
                optionalText(node, "context.channel", "channel", 0, Integer.MAX_VALUE));
    }

    private static Payment payment(JsonNode node) {
        if (node == null) {
            return null;
        }
        requireObject(node, "payment");
        String currency = optionalText(node, "payment.currency", "currency", 0, Integer.MAX_VALUE);
        if (currency != null && !isUpperCaseCode(currency, 3)) {
            throw new Rejection(RejectReason.INVALID_VALUE,
                    "payment.currency must be an ISO 4217 code like USD, got '" + abbreviate(currency) + "'");
        }
        return new Payment(
                optionalText(node, "payment.method", "method", 1, Integer.MAX_VALUE),
                optionalText(node, "payment.card_fingerprint", "card_fingerprint", 1, Integer.MAX_VALUE),
                optionalNumber(node, "payment.amount", "amount", MAX_AMOUNT),
                currency);
    }

    /** The schema's {@code ^[A-Z]{n}$} with length n, checked without a regex (this runs per record). */
    private static boolean isUpperCaseCode(String text, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new Rejection(RejectReason.WRONG_TYPE, field + " must be an object, got " + describe(node));
        }
    }

    private static String requiredId(JsonNode root, String field) {
        String value = optionalId(root, field);
        if (value == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    private static String requiredId(JsonNode root, String field, EventType type) {
        String value = optionalId(root, field);
        if (value == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, field + " is required for type " + type.wireName());
        }
        return value;
    }

    /** Ids are non-empty strings of at most {@value #MAX_ID_LENGTH} characters; numbers are not ids. */
    private static String optionalId(JsonNode root, String field) {
        return optionalText(root, field, field, 1, MAX_ID_LENGTH);
    }

    private static String optionalText(JsonNode root, String field, int minLength, int maxLength) {
        return optionalText(root, field, field, minLength, maxLength);
    }

    /**
     * A string field, null when absent. Lengths count Unicode code points, as JSON Schema does.
     *
     * @param path the field's name in messages, e.g. {@code context.country}
     */
    private static String optionalText(JsonNode parent, String path, String field, int minLength, int maxLength) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Rejection(RejectReason.WRONG_TYPE, path + " must be a string, got " + describe(node));
        }
        String text = node.textValue();
        int length = text.length();
        if (length < minLength) {
            throw new Rejection(RejectReason.INVALID_VALUE, path + " must not be empty");
        }
        if (length > maxLength && text.codePointCount(0, length) > maxLength) {
            throw new Rejection(RejectReason.INVALID_VALUE,
                    path + " is longer than " + maxLength + " characters: '" + abbreviate(text) + "'");
        }
        return text;
    }

    private static Double optionalNumber(JsonNode root, String field, double max) {
        return optionalNumber(root, field, field, max);
    }

    private static Double optionalNumber(JsonNode parent, String path, String field, double max) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw new Rejection(RejectReason.WRONG_TYPE, path + " must be a number, got " + describe(node));
        }
        double value = node.doubleValue();
        if (!(value >= 0 && value <= max)) {
            throw new Rejection(RejectReason.INVALID_VALUE,
                    path + " must be in [0, " + max + "], got " + abbreviate(node.asText()));
        }
        return value;
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase() + " " + abbreviate(node.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** Control flow for bad input; stackless because it is expected and frequent under attack. */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RejectReason reason;

        Rejection(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
