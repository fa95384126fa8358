package dev.funnelflow.ranking.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.ranking.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded examples whose click label follows a known logistic model with one pairwise interaction (which a
 * factorization machine can learn and logistic regression cannot), and their {@code training-examples} lines.
 */
public final class SyntheticExamples {

    /** 2026-01-01T00:00:00Z. */
    public static final long START = 1_767_225_600_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SyntheticExamples() {}

    /** {@code n} examples one minute apart, in time order. */
    public static List<LabeledExample> generate(int n, long seed) {
        Random random = new Random(seed);
        int size = FeatureSchema.CURRENT.size();
        List<LabeledExample> examples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] features = new float[size];
            for (int f = 0; f < size; f++) {
                features[f] = f % 3 == 0 ? (random.nextBoolean() ? 1 : 0) : (float) random.nextGaussian();
            }
            double logit = -1 + 2 * features[1] - 1.5 * features[4] + 1.2 * features[2] * features[5] + features[3];
            boolean positive = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            examples.add(new LabeledExample(START + i * 60_000L, features, positive));
        }
        return examples;
    }

    /**
     * Writes {@code examples} as {@code training-examples} records with this build's schema hash: the example's
     * label as {@code click}, and {@code convert} positive for every third click. Event times alternate between
     * ISO-8601 and epoch milliseconds, both allowed by the schema.
     */
    public static Path write(Path file, List<LabeledExample> examples) throws IOException {
        List<String> lines = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            LabeledExample example = examples.get(i);
            ObjectNode record = JSON.createObjectNode();
            record.put("example_id", "x" + i);
            if (i % 2 == 0) {
                record.put("event_time", Instant.ofEpochMilli(example.eventTime()).toString());
            } else {
                record.put("event_time", example.eventTime());
            }
            record.put("user_id", "u" + (i % 17));
            record.put("item_id", "i" + (i % 31));
            record.put("schema_hash", FeatureSchema.CURRENT.hash());
            var features = record.putArray("features");
            for (float value : example.features()) {
                features.add(value);
            }
            record.putObject("labels")
                    .put("click", example.positive() ? 1 : 0)
                    .put("convert", example.positive() && i % 3 == 0 ? 1 : 0);
            record.put("variant", "model");
            record.putNull("model_version");
            lines.add(JSON.writeValueAsString(record));
        }
        return Files.write(file, lines);
    }
}
