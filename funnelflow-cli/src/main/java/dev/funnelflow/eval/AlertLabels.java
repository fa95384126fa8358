package dev.funnelflow.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ground truth for {@code eval alerts}: a CSV file with header {@code user_id,label,scenario}, one user per
 * line; {@code label} is 1 for a user who attacked (fraud) and 0 for one who did not; {@code scenario} names
 * the attack (e.g. {@code card_testing}) and may be empty. Users of the events file who are not listed are
 * negatives, so a scenario injector may list only the attackers. Ids containing commas are not supported.
 */
public final class AlertLabels {

    /** One labelled user. */
    public record Label(boolean positive, String scenario) {}

    private static final String HEADER = "user_id,label,scenario";

    private AlertLabels() {}

    public static Map<String, Label> read(Path file) throws IOException {
        Map<String, Label> labels = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (header == null || !(header.strip().equals(HEADER) || header.strip().equals("user_id,label"))) {
                throw new IllegalArgumentException(file + ": the header must be '" + HEADER + "'");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length < 2 || fields.length > 3 || fields[0].isBlank()) {
                    throw new IllegalArgumentException(file + " line " + number + ": expected user_id,label,scenario");
                }
                String label = fields[1].strip();
                if (!label.equals("0") && !label.equals("1")) {
                    throw new IllegalArgumentException(file + " line " + number + ": label must be 0 or 1, got '"
                            + label + "'");
                }
                String scenario = fields.length == 3 ? fields[2].strip() : "";
                if (labels.put(fields[0].strip(), new Label(label.equals("1"), scenario)) != null) {
                    throw new IllegalArgumentException(file + " line " + number + ": user " + fields[0].strip()
                            + " is listed twice");
                }
            }
        }
        return labels;
    }
}
