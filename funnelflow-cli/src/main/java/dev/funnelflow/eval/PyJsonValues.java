package dev.funnelflow.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JSON values the way {@code ../shared/tools/eval_recs.py} interprets them, so both scorers see the same
 * times and ids: {@code parse_time} for times and Python's {@code str()} for ids. Each method reads the value
 * at the parser's current token (skipping it whole if it is an object or array).
 */
final class PyJsonValues {
    // datetime.fromisoformat (Python 3.11) for the forms timestamps take in practice: date, any one-character
    // separator, time with optional fraction (truncated to microseconds), optional UTC offset.
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:.(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d+))?)?)?"
                    + "(?:([+-])(\\d{2})(?::?(\\d{2})(?::?(\\d{2})(?:\\.(\\d+))?)?)?)?)?");

    private PyJsonValues() {
    }

    /** The value if it is a JSON string, else {@code null} (Python's {@code isinstance(v, str)} checks). */
    static String stringOrNull(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    /** {@code parse_time}: epoch ms from a number, a digit string or an ISO-8601 string; else {@code null}. */
    static Long timeMs(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case VALUE_NUMBER_INT:
                try {
                    return parser.getLongValue();
                } catch (InputCoercionException e) {
                    return null;
                }
            case VALUE_NUMBER_FLOAT:
                double value = parser.getDoubleValue();
                return Double.isFinite(value) ? (long) value : null; // int(float) truncates toward zero
            case VALUE_STRING:
                return timeMs(parser.getText());
            case START_OBJECT:
            case START_ARRAY:
                parser.skipChildren();
                return null;
            default:
                return null;
        }
    }

    /** {@code parse_time} of a string. */
    // Not EventParser's parsing: Python also takes naive (UTC), date-only and negative times and rounds to the ms.
    static Long timeMs(String text) {
        String s = text.strip();
        if (isOptionallyNegativeDigits(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Long canonical = canonicalUtcMs(s);
        if (canonical != null) {
            return canonical;
        }
        if (s.endsWith("Z") || s.endsWith("z")) {
            s = s.substring(0, s.length() - 1) + "+00:00";
        }
        Matcher m = ISO.matcher(s);
        if (!m.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            if (date.getYear() < 1) {
                return null;
            }
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(Integer.parseInt(m.group(4)),
                    parseOrZero(m.group(5)), parseOrZero(m.group(6)));
            long micros = (date.toEpochDay() * 86_400L + time.toSecondOfDay()) * 1_000_000L + micros(m.group(7));
            if (m.group(8) != null) {
                long offsetMicros = (Integer.parseInt(m.group(9)) * 3600L + parseOrZero(m.group(10)) * 60L
                        + parseOrZero(m.group(11))) * 1_000_000L + micros(m.group(12));
                micros += m.group(8).equals("+") ? -offsetMicros : offsetMicros;
            }
            // round(timestamp() * 1000) with timestamp() = exact microseconds / 10**6, as Python computes it.
            return (long) Math.rint(micros / 1e6 * 1000.0);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Fast path for the form the importer and the job write, {@code 2016-05-09T00:08:46.309Z} or without the
     * fraction, which millisecond precision makes exact; {@code null} for anything else (the general path).
     */
    private static Long canonicalUtcMs(String s) {
        int length = s.length();
        if ((length != 20 && length != 24) || s.charAt(length - 1) != 'Z' || s.charAt(4) != '-'
                || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || (length == 24 && s.charAt(19) != '.')) {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int millis = length == 24 ? digits(s, 20, 23) : 0;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal value of {@code s[from, to)}, or -1 unless all ASCII digits. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code s.lstrip("-").isdigit()} for ASCII; more than one '-' makes Python's int() fail, so no. */
    private static boolean isOptionallyNegativeDigits(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int parseOrZero(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /** A fraction of a second in microseconds, digits past the sixth dropped as fromisoformat does. */
    private static long micros(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String six = fraction.length() >= 6 ? fraction.substring(0, 6) : (fraction + "00000").substring(0, 6);
        return Long.parseLong(six);
    }

    /**
     * Python's {@code str()} of a JSON value, or {@code null} for JSON null. Objects and arrays become their
     * compact JSON text: not Python's repr, but it keeps different values apart, which is all an id needs.
     */
    static String pyStr(JsonParser parser) throws IOException {
        switch (parser.currentToken()) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getBigIntegerValue().toString();
            case VALUE_NUMBER_FLOAT:
                return pyFloatRepr(parser.getDoubleValue());
            case VALUE_TRUE:
                return "True";
            case VALUE_FALSE:
                return "False";
            case START_OBJECT:
            case START_ARRAY:
                return parser.readValueAsTree().toString();
            default:
                return null;
        }
    }

    /** Python's {@code repr(float)}: positional for exponents -4..15 (always with a fraction), else d.ddde±XX. */
    static String pyFloatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (value < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exponent));
    }
}
