package dev.funnelflow.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A series read from a CSV file with header {@code time,value} (DESIGN.md §4, {@code forecast}). Blank lines and
 * lines starting with {@code #} are skipped, so a file can carry its source; fields may be double-quoted.
 */
record SeriesCsv(List<String> times, double[] values) {

    /** A row or header that cannot be read, with its line number. */
    static final class BadCsvException extends Exception {
        BadCsvException(String message) {
            super(message);
        }
    }

    static SeriesCsv read(Path file) throws IOException, BadCsvException {
        List<String> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        boolean headerSeen = false;
        int lineNumber = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != 2) {
                    throw new BadCsvException("line " + lineNumber + ": expected 2 fields (time,value), got "
                            + fields.length);
                }
                String time = unquote(fields[0]);
                String value = unquote(fields[1]);
                if (!headerSeen) {
                    if (!time.equalsIgnoreCase("time") || !value.equalsIgnoreCase("value")) {
                        throw new BadCsvException("line " + lineNumber + ": expected the header time,value, got '"
                                + line + "'");
                    }
                    headerSeen = true;
                    continue;
                }
                values.add(parseValue(value, lineNumber));
                times.add(time);
            }
        }
        if (!headerSeen) {
            throw new BadCsvException("no header time,value");
        }
        return new SeriesCsv(times, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double parseValue(String value, int lineNumber) throws BadCsvException {
        try {
            double parsed = Double.parseDouble(value);
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the line
        }
        throw new BadCsvException("line " + lineNumber + ": value '" + value + "' is not a finite number");
    }

    private static String unquote(String field) {
        String trimmed = field.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1).trim() : trimmed;
    }
}
