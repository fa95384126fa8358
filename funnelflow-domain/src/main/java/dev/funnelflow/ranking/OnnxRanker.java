package dev.funnelflow.ranking;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores feature rows with an ONNX model that follows the model-card contract ({@code models/README.md}):
 * one float32 input {@code [batch, features]}, one float32 output whose {@code positive_index} column (or only
 * value) is the probability of label 1.
 *
 * <p>Loading checks everything that could make a model score the wrong thing before it serves: the card's
 * feature-schema hash and names against this build's, the graph's input and output against the card, and a test run
 * on {@link ModelProbe}'s rows that must give a finite number for each (a graph can load and still fail or give NaN
 * when it runs). All rows of one call go through one {@code run()}, written into one direct buffer that is reused (ONNX Runtime then
 * reads it without a copy). Not thread-safe: one instance per task slot (sessions themselves could be shared,
 * the buffer cannot). Intra-op parallelism is one thread: tiny models gain nothing from a second (measured), and
 * Flink already runs one task per core.
 */
public final class OnnxRanker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxRanker.class);
    private static final int INITIAL_ROWS = 256;

    private final ModelCard card;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final String inputName;
    private final Set<String> outputNames;
    private final int featureCount;
    private final int outputWidth;
    private final int positiveIndex;
    private FloatBuffer rows;
    private boolean closed;

    private OnnxRanker(ModelCard card, OrtEnvironment environment, OrtSession session, ExecutionProvider provider,
            OutputLayout layout) {
        this.card = card;
        this.environment = environment;
        this.session = session;
        this.provider = provider;
        this.inputName = card.input().name();
        this.outputNames = Set.of(card.output().name());
        this.featureCount = card.featureSchema().features().size();
        this.outputWidth = layout.columns();
        this.positiveIndex = layout.positiveIndex();
        this.rows = allocate(INITIAL_ROWS * featureCount);
    }

    /** Loads {@code modelFile} and its card ({@link ModelCard#pathFor}) to score on CPU. */
    public static OnnxRanker load(Path modelFile, FeatureSchema schema) throws ModelRejectedException {
        return load(modelFile, schema, ExecutionProvider.CPU);
    }

    /**
     * Loads {@code modelFile} and its card ({@link ModelCard#pathFor}) for vectors of {@code schema}.
     *
     * @param requested CUDA falls back to CPU, with one log line, where the CUDA provider cannot start
     * @throws ModelRejectedException when the model must not serve; the message says why
     */
    public static OnnxRanker load(Path modelFile, FeatureSchema schema, ExecutionProvider requested)
            throws ModelRejectedException {
        ModelCard card = readCard(modelFile);
        checkCard(modelFile, card, schema);
        // Read once: the bytes whose hash is checked are the bytes ONNX Runtime loads.
        byte[] modelBytes = readModel(modelFile, card);
        OrtTelemetryGuard.check();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            ExecutionProvider provider = configure(options, requested, modelFile);
            session = environment.createSession(modelBytes, options);
            checkInput(modelFile, card, session);
            OutputLayout layout = checkOutput(modelFile, card, session);
            OnnxRanker ranker = new OnnxRanker(card, environment, session, provider, layout);
            probe(modelFile, ranker, schema);
            return ranker;
        } catch (OrtException e) {
            closeQuietly(session);
            throw new ModelRejectedException(modelFile + ": not a loadable ONNX model: " + e.getMessage(), e);
        } catch (ModelRejectedException | RuntimeException e) {
            closeQuietly(session); // after a failed probe too: the ranker built around it is dropped
            throw e;
        }
    }

    /**
     * Probabilities of label 1 for {@code count} rows laid out row after row in {@code features}
     * ({@code count * featureCount()} values), in one {@code run()}. What the model returns is passed on as it is,
     * NaN included: judging it is the caller's ({@link ModelSet#allFinite}).
     *
     * @throws IllegalStateException when ONNX Runtime fails to run the model on these rows
     */
    public float[] score(float[] features, int count) {
        int values = count * featureCount;
        if (features.length < values) {
            throw new IllegalArgumentException(count + " rows need " + values + " values, got " + features.length);
        }
        float[] probabilities = new float[count];
        if (count == 0) {
            return probabilities;
        }
        if (rows.capacity() < values) {
            rows = allocate(values);
        }
        rows.clear();
        rows.put(features, 0, values).flip();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, rows, new long[] {count, featureCount});
                OrtSession.Result result = session.run(Map.of(inputName, input), outputNames)) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            for (int row = 0; row < count; row++) {
                probabilities[row] = output.get(row * outputWidth + positiveIndex);
            }
            return probabilities;
        } catch (OrtException e) {
            throw new IllegalStateException("model " + card.modelVersion() + " failed to score " + count + " rows", e);
        }
    }

    public ModelCard card() {
        return card;
    }

    /** Where the model actually runs: CPU when CUDA was requested but could not start. */
    public ExecutionProvider provider() {
        return provider;
    }

    public int featureCount() {
        return featureCount;
    }

    /** Closes the session; a second call does nothing (a retired model may be closed by whoever sees it last). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(session);
        }
    }

    /** Refuses a model that throws or gives anything but a finite number for a row of plausible features. */
    private static void probe(Path modelFile, OnnxRanker ranker, FeatureSchema schema) throws ModelRejectedException {
        float[] scores;
        try {
            scores = ranker.score(ModelProbe.rows(schema), ModelProbe.ROWS);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ModelRejectedException(modelFile + ": failed its test run on " + ModelProbe.ROWS
                    + " rows of plausible features: " + firstLine(cause.getMessage()), e);
        }
        for (int row = 0; row < scores.length; row++) {
            if (!Float.isFinite(scores[row])) {
                throw new ModelRejectedException(modelFile + ": scored " + scores[row] + " for "
                        + ModelProbe.ROW_NAMES[row] + " in its test run; a model must give a finite probability");
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static byte[] readModel(Path modelFile, ModelCard card) throws ModelRejectedException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelFile);
        } catch (IOException e) {
            throw new ModelRejectedException(modelFile + ": cannot be read: " + e.getMessage(), e);
        }
        if (card.modelSha256() != null && !card.modelSha256().equals(ModelCard.sha256(bytes))) {
            throw new ModelRejectedException(modelFile + ": SHA-256 " + ModelCard.sha256(bytes)
                    + " is not the " + card.modelSha256() + " its card records");
        }
        return bytes;
    }

    private static ModelCard readCard(Path modelFile) throws ModelRejectedException {
        Path cardFile = ModelCard.pathFor(modelFile);
        if (!Files.isRegularFile(cardFile)) {
            throw new ModelRejectedException(modelFile + ": no model card " + cardFile.getFileName()
                    + " beside it (see models/README.md)");
        }
        try {
            return ModelCard.read(cardFile);
        } catch (IOException e) {
            throw new ModelRejectedException(cardFile + ": unreadable model card: " + e.getMessage(), e);
        }
    }

    private static void checkCard(Path modelFile, ModelCard card, FeatureSchema schema) throws ModelRejectedException {
        if (card.featureSchema() == null || card.input() == null || card.output() == null
                || card.input().name() == null || card.output().name() == null) {
            throw new ModelRejectedException(modelFile + ": its card lacks feature_schema, input.name or output.name");
        }
        if (!schema.hash().equals(card.featureSchema().hash())) {
            throw new ModelRejectedException(modelFile + ": feature schema hash " + card.featureSchema().hash()
                    + " differs from this build's " + schema.hash() + " (features v" + schema.version()
                    + "); retrain it on examples logged by this build");
        }
        if (!schema.names().equals(card.featureSchema().features())) {
            throw new ModelRejectedException(modelFile + ": its card has this build's schema hash but lists other"
                    + " features; the card is inconsistent");
        }
    }

    private static ExecutionProvider configure(OrtSession.SessionOptions options, ExecutionProvider requested,
            Path modelFile) throws OrtException {
        if (requested == ExecutionProvider.CUDA) {
            try {
                options.addCUDA(0);
                return ExecutionProvider.CUDA;
            } catch (OrtException | LinkageError e) {
                // The CPU build, or a machine without CUDA 12 / cuDNN 9: scoring on CPU is slower, never wrong.
                LOG.warn("CUDA execution provider unavailable for {} ({}); scoring on CPU", modelFile.getFileName(),
                        e.getMessage());
            }
        }
        return ExecutionProvider.CPU;
    }

    private static void checkInput(Path modelFile, ModelCard card, OrtSession session)
            throws OrtException, ModelRejectedException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        NodeInfo input = inputs.get(card.input().name());
        if (inputs.size() != 1 || input == null) {
            throw new ModelRejectedException(modelFile + ": expected one input named '" + card.input().name()
                    + "', the graph has " + inputs.keySet());
        }
        int features = card.featureSchema().features().size();
        long[] shape = floatTensorShape(modelFile, input);
        if (shape.length != 2 || (shape[1] >= 0 && shape[1] != features)) {
            throw new ModelRejectedException(modelFile + ": input '" + input.getName() + "' has shape "
                    + Arrays.toString(shape) + ", expected [batch, " + features + "]");
        }
    }

    /** How to find P(label 1) in the output: its columns per row and the card's {@code positive_index}. */
    private record OutputLayout(int columns, int positiveIndex) {}

    private static OutputLayout checkOutput(Path modelFile, ModelCard card, OrtSession session)
            throws OrtException, ModelRejectedException {
        NodeInfo output = session.getOutputInfo().get(card.output().name());
        if (output == null) {
            throw new ModelRejectedException(modelFile + ": no output named '" + card.output().name()
                    + "'; the graph has " + session.getOutputInfo().keySet());
        }
        long[] shape = floatTensorShape(modelFile, output);
        if (shape.length < 1 || shape.length > 2 || (shape.length == 2 && shape[1] < 1)) {
            throw new ModelRejectedException(modelFile + ": output '" + output.getName() + "' has shape "
                    + Arrays.toString(shape) + ", expected [batch] or [batch, columns] with known columns");
        }
        int columns = shape.length == 1 ? 1 : (int) shape[1];
        Integer index = card.output().positiveIndex();
        if (index == null && columns > 1) {
            throw new ModelRejectedException(modelFile + ": output has " + columns
                    + " columns; the card must say which holds P(label 1) (output.positive_index)");
        }
        int positive = index == null ? 0 : index;
        if (positive < 0 || positive >= columns) {
            throw new ModelRejectedException(modelFile + ": output.positive_index " + positive + " is outside the "
                    + columns + " output columns");
        }
        return new OutputLayout(columns, positive);
    }

    private static long[] floatTensorShape(Path modelFile, NodeInfo node) throws ModelRejectedException {
        if (!(node.getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
            throw new ModelRejectedException(modelFile + ": '" + node.getName() + "' is " + node.getInfo()
                    + ", expected a float32 tensor");
        }
        return tensor.getShape();
    }

    private static FloatBuffer allocate(int values) {
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void closeQuietly(OrtSession session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing an ONNX Runtime session failed: {}", e.getMessage());
        }
    }
}
