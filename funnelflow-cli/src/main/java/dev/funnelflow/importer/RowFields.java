package dev.funnelflow.importer;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of one delimited row with typed, validating accessors. Most datasets use no quoting, so a plain
 * split is exact there (a quoted field holding the separator shows up as a wrong field count and the row is
 * skipped); {@link #splitQuoted} reads the ones that quote.
 */
final class RowFields {
    private final List<String> fields;

    private RowFields(List<String> fields) {
        this.fields = fields;
    }

    /** Splits on every separator, keeping empty fields, and trims each field. */
    static RowFields split(String row, char separator) {
        List<String> fields = new ArrayList<>(10);
        int start = 0;
        for (int i = 0; i < row.length(); i++) {
            if (row.charAt(i) == separator) {
                fields.add(row.substring(start, i).trim());
                start = i + 1;
            }
        }
        fields.add(row.substring(start).trim());
        return new RowFields(fields);
    }

    /** Splits and checks the field count. */
    static RowFields split(String row, char separator, int expectedFields) throws BadRowException {
        return withCount(split(row, separator), expectedFields);
    }

    /** Splits an RFC 4180 row: a field in double quotes may hold the separator, and {@code ""} in it is a quote. */
    static RowFields splitQuoted(String row, char separator, int expectedFields) throws BadRowException {
        List<String> fields = new ArrayList<>(expectedFields);
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (inQuotes && c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == separator && !inQuotes) {
                fields.add(field.toString().trim());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (inQuotes) {
            throw new BadRowException("unterminated quoted field");
        }
        fields.add(field.toString().trim());
        return withCount(new RowFields(fields), expectedFields);
    }

    private static RowFields withCount(RowFields fields, int expectedFields) throws BadRowException {
        if (fields.size() != expectedFields) {
            throw new BadRowException("expected " + expectedFields + " fields, found " + fields.size());
        }
        return fields;
    }

    int size() {
        return fields.size();
    }

    /** A required, non-empty text field. */
    String text(int index, String column) throws BadRowException {
        String value = fields.get(index);
        if (value.isEmpty()) {
            throw new BadRowException("empty " + column);
        }
        return value;
    }

    /** An optional text field: {@code null} when empty. */
    String optionalText(int index) {
        String value = fields.get(index);
        return value.isEmpty() ? null : value;
    }

    long nonNegativeLong(int index, String column) throws BadRowException {
        String value = text(index, column);
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRowException(column + " is not an integer: '" + value + "'");
        }
        if (parsed < 0) {
            throw new BadRowException("negative " + column + ": " + parsed);
        }
        return parsed;
    }

    int nonNegativeInt(int index, String column) throws BadRowException {
        long parsed = nonNegativeLong(index, column);
        if (parsed > Integer.MAX_VALUE) {
            throw new BadRowException(column + " out of range: " + parsed);
        }
        return (int) parsed;
    }

    /** An optional non-negative decimal: {@code null} when empty. */
    Double optionalNonNegativeDecimal(int index, String column) throws BadRowException {
        String value = optionalText(index);
        if (value == null) {
            return null;
        }
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BadRowException(column + " is not a number: '" + value + "'");
        }
        if (!Double.isFinite(parsed) || parsed < 0) {
            throw new BadRowException(column + " is not a finite number >= 0: '" + value + "'");
        }
        return parsed;
    }

    LocalDate date(int index, String column) throws BadRowException {
        String value = text(index, column);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw new BadRowException(column + " is not a date (YYYY-MM-DD): '" + value + "'");
        }
    }
}
