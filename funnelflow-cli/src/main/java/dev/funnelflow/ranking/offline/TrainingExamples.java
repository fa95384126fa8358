package dev.funnelflow.ranking.offline;

import dev.funnelflow.ranking.ExampleLabel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ServedExample;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads {@code training-examples} JSON lines (schema {@code schemas/training-examples.schema.json}) for one label,
 * sorted by event time. Every record must carry this build's feature-schema hash: a model is only ever trained
 * on vectors computed by the code that will serve it. Malformed records fail with their line number rather than
 * being skipped: the file is the job's own output, so a bad line means a bug, not noise. Organic examples count for
 * {@code convert} only: their item was viewed by definition.
 */
public final class TrainingExamples {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingExamples() {}

    /**
     * @throws IllegalArgumentException naming the first bad line and what is wrong with it
     */
    public static List<LabeledExample> read(Path file, ExampleLabel label, FeatureSchema schema) throws IOException {
        String hash = schema.hash();
        List<LabeledExample> examples = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode record = JSON.readTree(line);
                    if (label == ExampleLabel.CLICK && ServedExample.ORGANIC.equals(record.path("variant").asText())) {
                        continue;
                    }
                    examples.add(parse(record, label, schema, hash));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file.getFileName() + " line " + lineNumber + ": "
                            + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
        }
        examples.sort(Comparator.comparingLong(LabeledExample::eventTime));
        return examples;
    }

    private static LabeledExample parse(JsonNode record, ExampleLabel label, FeatureSchema schema, String hash) {
        String recordHash = record.path("schema_hash").asText();
        if (!hash.equals(recordHash)) {
            throw new IllegalArgumentException("schema_hash '" + recordHash + "' is not this build's feature schema "
                    + hash + " (v" + schema.version() + "): these examples were logged by another feature version");
        }
        JsonNode features = record.path("features");
        if (!features.isArray() || features.size() != schema.size()) {
            throw new IllegalArgumentException("features must be an array of " + schema.size() + " numbers");
        }
        float[] row = new float[schema.size()];
        for (int i = 0; i < row.length; i++) {
            JsonNode value = features.get(i);
            if (!value.isNumber()) {
                throw new IllegalArgumentException("features[" + i + "] is not a number");
            }
            row[i] = value.floatValue();
        }
        JsonNode outcome = record.path("labels").path(label.wireName());
        if (!outcome.isInt() || (outcome.intValue() != 0 && outcome.intValue() != 1)) {
            throw new IllegalArgumentException("labels." + label.wireName() + " must be 0 or 1");
        }
        return new LabeledExample(eventTime(record.path("event_time")), row, outcome.intValue() == 1);
    }

    /** ISO-8601 with offset or epoch milliseconds, as the schema allows. */
    private static long eventTime(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event_time '" + value.asText() + "' is neither ISO-8601 nor epoch ms");
        }
    }
}
