package dev.funnelflow.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses and validates one raw clickstream record against the {@code clickstream} contract. Never throws on
 * input: a bad record becomes a {@link DeadLetter} whose error code says what was wrong and whose detail says
 * where. Unknown extra fields are ignored, as the contract asks.
 */
public final class EventParser implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Events before this are clock bugs (epoch seconds sent as millis, zeroed clocks), not history. */
    static final Instant EARLIEST_EVENT_TIME = Instant.parse("2000-01-01T00:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final int maxRecordBytes;
    private final Duration maxClockSkew;
    private final Clock clock;

    /**
     * @param maxRecordBytes records larger than this are rejected as {@code oversize} without being parsed
     * @param maxClockSkew how far in the future (by the wall clock) an event time may be
     */
    public EventParser(int maxRecordBytes, Duration maxClockSkew, Clock clock) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxClockSkew = maxClockSkew;
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
        if (raw.length > maxRecordBytes) {
            throw new Rejection(RejectReason.OVERSIZE,
                    "record is " + raw.length + " bytes, the limit is " + maxRecordBytes);
        }
        // Jackson decodes some invalid UTF-8 (e.g. the overlong C0 AF for '/'), so check strictly first.
        if (!isUtf8(raw)) {
            throw new Rejection(RejectReason.INVALID_UTF8, "record is not valid UTF-8");
        }
        JsonNode root = readJson(raw);
        if (!root.isObject()) {
            throw new Rejection(RejectReason.NOT_AN_OBJECT, "expected a JSON object, got " + describe(root));
        }
        String typeName = requiredText(root, "type");
        EventType type = EventType.fromWireName(typeName)
                .orElseThrow(() -> new Rejection(RejectReason.UNKNOWN_TYPE, "unknown event type '" + typeName + "'"));
        String itemId = optionalId(root, "item_id");
        if (type.needsItem() && itemId == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, "item_id is required for type " + typeName);
        }
        Double price = optionalNumber(root, "price");
        if (price != null && price < 0) {
            throw new Rejection(RejectReason.INVALID_VALUE, "price must be >= 0, got " + price);
        }
        Integer quantity = optionalInt(root, "quantity");
        if (quantity != null && quantity < 1) {
            throw new Rejection(RejectReason.INVALID_VALUE, "quantity must be >= 1, got " + quantity);
        }
        return new ClickEvent(
                requiredId(root, "event_id"),
                eventTime(root),
                requiredId(root, "user_id"),
                optionalId(root, "session_id"),
                type,
                itemId,
                optionalId(root, "category_id"),
                price,
                quantity == null ? 1 : quantity,
                optionalId(root, "order_id"),
                optionalText(root, "query"),
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

    private long eventTime(JsonNode root) {
        JsonNode node = root.get("event_time");
        if (node == null || node.isNull()) {
            throw new Rejection(RejectReason.MISSING_FIELD, "event_time is required");
        }
        long millis;
        if (node.isIntegralNumber()) {
            millis = node.asLong();
        } else if (node.isTextual()) {
            millis = parseTime(node.asText());
        } else {
            throw new Rejection(RejectReason.WRONG_TYPE,
                    "event_time must be an ISO-8601 string or epoch milliseconds, got " + describe(node));
        }
        Instant latest = clock.instant().plus(maxClockSkew);
        if (millis < EARLIEST_EVENT_TIME.toEpochMilli() || millis > latest.toEpochMilli()) {
            throw new Rejection(RejectReason.ABSURD_TIMESTAMP, "event_time " + Instant.ofEpochMilli(millis)
                    + " is outside [" + EARLIEST_EVENT_TIME + ", now + " + maxClockSkew + "]");
        }
        return millis;
    }

    private static long parseTime(String text) {
        String trimmed = text.strip();
        try {
            if (!trimmed.isEmpty() && trimmed.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(trimmed);
            }
            return OffsetDateTime.parse(trimmed).toInstant().toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new Rejection(RejectReason.WRONG_TYPE, "event_time '" + abbreviate(text) + "' is not ISO-8601");
        }
    }

    private static EventContext context(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "context");
        return new EventContext(
                optionalText(node, "device_id"),
                optionalText(node, "ip"),
                optionalText(node, "user_agent"),
                optionalText(node, "country"),
                optionalText(node, "channel"));
    }

    private static Payment payment(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        requireObject(node, "payment");
        Double amount = optionalNumber(node, "amount");
        if (amount != null && amount < 0) {
            throw new Rejection(RejectReason.INVALID_VALUE, "payment.amount must be >= 0, got " + amount);
        }
        return new Payment(
                optionalText(node, "method"),
                optionalText(node, "card_fingerprint"),
                amount,
                optionalText(node, "currency"));
    }

    private static void requireObject(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new Rejection(RejectReason.WRONG_TYPE, field + " must be an object, got " + describe(node));
        }
    }

    private static String requiredText(JsonNode root, String field) {
        String value = optionalText(root, field);
        if (value == null || value.isEmpty()) {
            throw new Rejection(RejectReason.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    private static String requiredId(JsonNode root, String field) {
        String value = optionalId(root, field);
        if (value == null) {
            throw new Rejection(RejectReason.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    /** Ids are strings; integer ids (common in exported datasets) are accepted and kept as their decimal text. */
    private static String optionalId(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.asText();
            return text.isEmpty() ? null : text;
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        throw new Rejection(RejectReason.WRONG_TYPE, field + " must be a string, got " + describe(node));
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Rejection(RejectReason.WRONG_TYPE, field + " must be a string, got " + describe(node));
        }
        return node.asText();
    }

    private static Double optionalNumber(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new Rejection(RejectReason.WRONG_TYPE, field + " must be a number, got " + describe(node));
        }
        return node.asDouble();
    }

    private static Integer optionalInt(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new Rejection(RejectReason.WRONG_TYPE, field + " must be an integer, got " + describe(node));
        }
        return node.asInt();
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
