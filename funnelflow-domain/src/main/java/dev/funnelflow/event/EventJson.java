package dev.funnelflow.event;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes a {@link ClickEvent} as one compact JSON object of the {@code clickstream} topic (DESIGN.md §3,
 * {@code schemas/clickstream.schema.json}): the project's one clickstream encoder, used by the generator, the
 * importer and the job's pass-through benchmark. {@link EventParser} reads back what it writes as an equal event
 * (only {@link ClickEvent#origin()}, which is not on the wire, is the parser's own).
 *
 * <p>The shape: fields in the schema's order, absent optional fields left out, {@code quantity} left out when it
 * is 1 (the contract's reading of an absent quantity), prices and amounts as a decimal that reads back as the
 * same double ({@code 19.99}, {@code 5.0}). Strings are escaped per RFC 8259 (quote, backslash, every control
 * character; a lone surrogate too, as it has no UTF-8 form), so no output holds a raw newline and every line of a
 * file is one event. Times are written in UTC: an event the parser took with an offset that moves it out of the
 * contract's years (2000-01-01T00:30+01:00 is 1999 in UTC) is written as it is, and would not be taken back.
 *
 * <p>Written by hand into a reused byte buffer: the generator and the importer encode millions of events, and a
 * Jackson tree or generator per event cost more than their own work. An instance is not thread-safe.
 */
public final class EventJson {

    /** How {@code event_time} is written: the contract allows both. */
    public enum TimeFormat {
        /** An RFC 3339 UTC date-time, always with milliseconds: {@code "2016-05-09T00:08:46.309Z"}. */
        RFC_3339,
        /** Integer epoch milliseconds: {@code 1462752526309}. */
        EPOCH_MILLIS
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(US_ASCII);
    /** Wire names pre-encoded once: every record has a type. */
    private static final byte[][] QUOTED_TYPES = Arrays.stream(EventType.values())
            .map(type -> ascii('"' + type.wireName() + '"'))
            .toArray(byte[][]::new);
    private static final byte[] EVENT_ID = ascii("{\"event_id\":");
    private static final byte[] EVENT_TIME = ascii(",\"event_time\":");
    private static final byte[] USER_ID = ascii(",\"user_id\":");
    private static final byte[] SESSION_ID = ascii(",\"session_id\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] ITEM_ID = ascii(",\"item_id\":");
    private static final byte[] CATEGORY_ID = ascii(",\"category_id\":");
    private static final byte[] PRICE = ascii(",\"price\":");
    private static final byte[] QUANTITY = ascii(",\"quantity\":");
    private static final byte[] ORDER_ID = ascii(",\"order_id\":");
    private static final byte[] QUERY = ascii(",\"query\":");
    private static final byte[] REC_ID = ascii(",\"rec_id\":");
    private static final byte[] CONTEXT = ascii(",\"context\":{");
    private static final byte[] DEVICE_ID = ascii("\"device_id\":");
    private static final byte[] IP = ascii("\"ip\":");
    private static final byte[] USER_AGENT = ascii("\"user_agent\":");
    private static final byte[] COUNTRY = ascii("\"country\":");
    private static final byte[] CHANNEL = ascii("\"channel\":");
    private static final byte[] PAYMENT = ascii(",\"payment\":{");
    private static final byte[] METHOD = ascii("\"method\":");
    private static final byte[] CARD_FINGERPRINT = ascii("\"card_fingerprint\":");
    private static final byte[] AMOUNT = ascii("\"amount\":");
    private static final byte[] CURRENCY = ascii("\"currency\":");
    /** Where {@link Double#toString} switches to exponent notation; whole cents below it are written by hand. */
    private static final double MAX_CENTS_VALUE = 1e7;

    /** Strings at least this long are looked up among the recent ones (by reference) before being escaped. */
    private static final int MIN_REMEMBERED_LENGTH = 48;
    private static final int REMEMBERED = 16;

    private byte[] bytes = new byte[512];
    private int length;
    /**
     * The last long strings written and, once one came again, its JSON: a client's user agent, the longest string
     * of most events, is the same instance on all its events, and is then copied instead of escaped anew.
     */
    private final String[] remembered = new String[REMEMBERED];
    private final byte[][] rememberedJson = new byte[REMEMBERED][];
    private int nextRemembered;

    /** A reusable encoder; keep one per thread on hot paths. */
    public EventJson() {
    }

    /** The event with an RFC 3339 event time, by a fresh encoder: for cold paths. */
    public static byte[] encode(ClickEvent event) {
        return new EventJson().encode(event, TimeFormat.RFC_3339);
    }

    /** The event as UTF-8 JSON bytes. */
    public byte[] encode(ClickEvent event, TimeFormat timeFormat) {
        write(event, timeFormat);
        return Arrays.copyOf(bytes, length);
    }

    /** The event as a JSON string, e.g. a line of a file. */
    public String encodeToString(ClickEvent event, TimeFormat timeFormat) {
        write(event, timeFormat);
        return new String(bytes, 0, length, UTF_8);
    }

    private void write(ClickEvent event, TimeFormat timeFormat) {
        length = 0;
        raw(EVENT_ID).string(Objects.requireNonNull(event.eventId(), "eventId"));
        raw(EVENT_TIME);
        if (timeFormat == TimeFormat.EPOCH_MILLIS) {
            number(event.eventTime());
        } else {
            dateTime(event.eventTime());
        }
        raw(USER_ID).string(Objects.requireNonNull(event.userId(), "userId"));
        optionalString(SESSION_ID, event.sessionId());
        raw(TYPE).raw(QUOTED_TYPES[event.type().ordinal()]);
        optionalString(ITEM_ID, event.itemId());
        optionalString(CATEGORY_ID, event.categoryId());
        if (event.price() != null) {
            raw(PRICE).decimal(event.price(), "price");
        }
        if (event.quantity() != 1) {
            raw(QUANTITY).number(event.quantity());
        }
        optionalString(ORDER_ID, event.orderId());
        optionalString(QUERY, event.query());
        optionalString(REC_ID, event.recId());
        EventContext context = event.context();
        if (context != null) {
            raw(CONTEXT);
            boolean first = member(true, DEVICE_ID, context.deviceId());
            first = member(first, IP, context.ip());
            first = member(first, USER_AGENT, context.userAgent());
            first = member(first, COUNTRY, context.country());
            member(first, CHANNEL, context.channel());
            raw('}');
        }
        Payment payment = event.payment();
        if (payment != null) {
            raw(PAYMENT);
            boolean first = member(true, METHOD, payment.method());
            first = member(first, CARD_FINGERPRINT, payment.cardFingerprint());
            if (payment.amount() != null) {
                if (!first) {
                    raw(',');
                }
                raw(AMOUNT).decimal(payment.amount(), "payment.amount");
                first = false;
            }
            member(first, CURRENCY, payment.currency());
            raw('}');
        }
        raw('}');
    }

    private void optionalString(byte[] field, String value) {
        if (value != null) {
            raw(field).string(value);
        }
    }

    /** A member of a nested object when present; returns whether the object is still empty. */
    private boolean member(boolean first, byte[] field, String value) {
        if (value == null) {
            return first;
        }
        if (!first) {
            raw(',');
        }
        raw(field).string(value);
        return false;
    }

    private EventJson raw(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, bytes, length, ascii.length);
        length += ascii.length;
        return this;
    }

    private EventJson raw(char asciiChar) {
        ensure(1);
        bytes[length++] = (byte) asciiChar;
        return this;
    }

    /** A quoted, escaped JSON string in UTF-8. */
    private void string(String value) {
        if (value.length() >= MIN_REMEMBERED_LENGTH) {
            rememberedString(value);
        } else {
            escapedString(value);
        }
    }

    private void rememberedString(String value) {
        for (int i = 0; i < REMEMBERED; i++) {
            if (remembered[i] == value) {
                if (rememberedJson[i] != null) {
                    raw(rememberedJson[i]);
                } else {
                    int start = length;
                    escapedString(value);
                    rememberedJson[i] = Arrays.copyOfRange(bytes, start, length);
                }
                return;
            }
        }
        remembered[nextRemembered] = value;
        rememberedJson[nextRemembered] = null;
        nextRemembered = (nextRemembered + 1) % REMEMBERED;
        escapedString(value);
    }

    private void escapedString(String value) {
        int size = value.length();
        ensure(size * 6 + 2); // the worst case: every char a six-byte escape
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        // Ids, names and most text are printable ASCII: one tight loop copies them.
        int i = 0;
        while (i < size) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                break;
            }
            out[at++] = (byte) c;
            i++;
        }
        if (i < size) {
            at = escapedTail(value, i, at);
        }
        out[at++] = '"';
        length = at;
    }

    /** The rest of a string from its first char that is not printable ASCII; room already ensured. */
    private int escapedTail(String value, int from, int at) {
        byte[] out = bytes;
        int size = value.length();
        for (int i = from; i < size; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                out[at++] = (byte) c;
            } else if (c < 0x80) {
                at = escape(c, at);
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < size && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                out[at++] = (byte) (0xF0 | (codePoint >> 18));
                out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                at = unicodeEscape(c, at); // a lone surrogate: no UTF-8 form, but JSON can carry it
            }
        }
        return at;
    }

    private int escape(char c, int at) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm == 0) {
            return unicodeEscape(c, at);
        }
        bytes[at++] = '\\';
        bytes[at++] = (byte) shortForm;
        return at;
    }

    private int unicodeEscape(char c, int at) {
        bytes[at++] = '\\';
        bytes[at++] = 'u';
        for (int shift = 12; shift >= 0; shift -= 4) {
            bytes[at++] = HEX[(c >>> shift) & 0xF];
        }
        return at;
    }

    private void number(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                raw(ascii(Long.toString(value)));
                return;
            }
            raw('-');
            value = -value;
        }
        ensure(19);
        // Digits from the right in int arithmetic, eight at a time: long division is slow, and epoch milliseconds
        // (13 digits) are on every record.
        int end = length + digitCount(value);
        int at = end;
        while (value >= 100_000_000) {
            long high = value / 100_000_000;
            int low = (int) (value - high * 100_000_000);
            for (int i = 0; i < 8; i++) {
                bytes[--at] = (byte) ('0' + low % 10);
                low /= 10;
            }
            value = high;
        }
        int rest = (int) value;
        do {
            bytes[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        length = end;
    }

    private static int digitCount(long value) {
        int count = 1;
        for (long bound = 10; count < 19 && value >= bound; bound *= 10) {
            count++;
        }
        return count;
    }

    /**
     * A finite number as a decimal that reads back as the same double. Prices are almost always whole
     * cents: those are written digit by digit ({@code 19.99}, {@code 19.9}, {@code 5.0}, as {@link Double#toString}
     * writes them) without its cost; anything else goes through {@link Double#toString}, which JSON accepts too.
     */
    private void decimal(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be finite, got " + value);
        }
        // Whole cents c in [0, 10^9): c / 100.0 is the double nearest c/100, which is what "I.FF" reads back as.
        if (value < MAX_CENTS_VALUE && Double.doubleToRawLongBits(value) >= 0) {
            long cents = Math.round(value * 100);
            if (cents / 100.0 == value) {
                number(cents / 100);
                int fraction = (int) (cents % 100);
                ensure(3);
                bytes[length++] = '.';
                bytes[length++] = (byte) ('0' + fraction / 10);
                if (fraction % 10 != 0) {
                    bytes[length++] = (byte) ('0' + fraction % 10);
                }
                return;
            }
        }
        raw(ascii(Double.toString(value)));
    }

    /** {@code "yyyy-MM-ddTHH:mm:ss.SSSZ"}, computed without allocating (days to civil date: Hinnant's algorithm). */
    private void dateTime(long epochMillis) {
        long epochDay = Math.floorDiv(epochMillis, 86_400_000L);
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            // Outside four-digit years no contract date-time exists; write what java.time writes.
            string(Instant.ofEpochMilli(epochMillis).toString());
            return;
        }
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        ensure(26);
        bytes[length++] = '"';
        digits((int) year, 4);
        bytes[length++] = '-';
        digits(month, 2);
        bytes[length++] = '-';
        digits(day, 2);
        bytes[length++] = 'T';
        digits(millisOfDay / 3_600_000, 2);
        bytes[length++] = ':';
        digits(millisOfDay / 60_000 % 60, 2);
        bytes[length++] = ':';
        digits(millisOfDay / 1000 % 60, 2);
        bytes[length++] = '.';
        digits(millisOfDay % 1000, 3);
        bytes[length++] = 'Z';
        bytes[length++] = '"';
    }

    /** Exactly {@code count} decimal digits of a non-negative value, zero-padded; room already ensured. */
    private void digits(int value, int count) {
        for (int i = length + count - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }
}
