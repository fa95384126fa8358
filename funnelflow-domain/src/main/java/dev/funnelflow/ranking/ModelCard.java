package dev.funnelflow.ranking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON document beside every model ({@code DIR/<id>.onnx} and {@code DIR/<id>.json}): what the model
 * expects as input, what it outputs, and how it was trained. Serving needs only {@code name}, {@code version},
 * {@code feature_schema} and {@code input}/{@code output}; the rest records provenance and quality. The contract is
 * documented in {@code models/README.md}; unknown fields are ignored so other tools may add their own.
 *
 * @param label {@code click} or {@code convert}
 * @param createdAt ISO-8601 UTC
 * @param modelType e.g. {@code logistic_regression}, {@code factorization_machine}
 * @param trainer how it was trained (library, algorithm, hyperparameters); free text
 * @param data null for models trained elsewhere
 * @param metrics null for models trained elsewhere
 * @param calibration null for models trained elsewhere
 * @param modelSha256 lower-case hex SHA-256 of the model file's bytes: the job serves the file only if its bytes
 *     hash to this; null on cards written before it was recorded, whose files are served unchecked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
        String name,
        String version,
        String label,
        String createdAt,
        String modelType,
        String trainer,
        SchemaSection featureSchema,
        TensorSpec input,
        TensorSpec output,
        TrainingData data,
        Metrics metrics,
        Calibration calibration,
        String modelSha256) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The features a model reads, in input-column order, and their {@link FeatureSchema} hash. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SchemaSection(int version, String hash, List<String> features) {
        public static SchemaSection of(FeatureSchema schema) {
            return new SchemaSection(schema.version(), schema.hash(), schema.names());
        }
    }

    /**
     * A model input or output tensor.
     *
     * @param type always {@code float32} here
     * @param shape -1 for the batch dimension
     * @param positiveIndex output only: the column holding the probability of label 1; null means 0
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TensorSpec(String name, String type, long[] shape, Integer positiveIndex) {}

    /** The examples a model was trained and validated on (time-ordered: validation follows training). */
    public record TrainingData(long examples, Split train, Split validation) {}

    /**
     * One side of the split.
     *
     * @param from event time of the first example, ISO-8601 UTC
     * @param to event time of the last example, ISO-8601 UTC
     */
    public record Split(long n, long positives, String from, String to) {}

    /**
     * Validation figures of the chosen model as ONNX Runtime scores it, and of every model tried.
     *
     * @param onnxMaxAbsDiff largest difference between the exported model's and the trainer's probabilities
     */
    public record Metrics(Score validation, List<Candidate> candidates, double onnxMaxAbsDiff) {}

    /** AUC and log loss on {@code n} examples. */
    public record Score(long n, double auc, double logloss) {}

    /** One trained candidate model and its validation figures (from the trainer's own predictions). */
    public record Candidate(String modelType, double auc, double logloss) {}

    /** Reliability of the predicted probabilities on the validation set. */
    public record Calibration(double expectedCalibrationError, List<Bin> bins) {}

    /** Validation examples whose prediction fell in {@code [lower, upper)}. */
    public record Bin(double lower, double upper, long n, double meanPredicted, double observedRate) {}

    /** The card of {@code model.onnx}: {@code model.json} in the same directory. */
    public static Path pathFor(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
        return modelFile.resolveSibling(stem + ".json");
    }

    /** This card recording the SHA-256 of {@code modelBytes}, the model file it describes. */
    public ModelCard withModelSha256(byte[] modelBytes) {
        return new ModelCard(name, version, label, createdAt, modelType, trainer, featureSchema, input, output, data,
                metrics, calibration, sha256(modelBytes));
    }

    /** Lower-case hex SHA-256, as {@code sha256sum} prints it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The {@code model_version} written on recommendations and training examples. */
    public String modelVersion() {
        return name + "-" + version;
    }

    public static ModelCard read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ModelCard.class);
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }
}
