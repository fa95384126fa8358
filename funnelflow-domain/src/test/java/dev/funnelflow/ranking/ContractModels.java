package dev.funnelflow.ranking;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Hand-built ONNX models that follow the model-card contract the way a model from elsewhere would (e.g. a
 * PyTorch export): input {@code features}, one output column {@code p_click}, no {@code positive_index}.
 */
public final class ContractModels {

    private ContractModels() {}

    /**
     * {@code stem.onnx} computing {@code features · weights + bias} (through a sigmoid when asked) as {@code [N, 1]},
     * and its card for {@code schema}.
     */
    public static Path linear(Path dir, String stem, FeatureSchema schema, float[] weights, float bias, boolean sigmoid)
            throws IOException {
        ONNXContext onnx = new ONNXContext();
        ONNXPlaceholder input = onnx.floatInput("features", weights.length);
        ONNXPlaceholder output = onnx.floatOutput("p_click", 1);
        var w = onnx.floatTensor("w", List.of(weights.length, 1), buffer -> buffer.put(weights));
        var b = onnx.array("b", new float[] {bias});
        ONNXNode logits = input.apply(ONNXOperators.GEMM, List.of(w, b));
        (sigmoid ? logits.apply(ONNXOperators.SIGMOID) : logits).assignTo(output);
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.newBuilder()
                .setGraph(onnx.buildGraph())
                .setIrVersion(6)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .build();
        Path model = dir.resolve(stem + ".onnx");
        Files.write(model, proto.toByteArray());
        card(schema, "features", "p_click", null).write(ModelCard.pathFor(model));
        return model;
    }

    /** The minimal card a model from elsewhere needs. */
    public static ModelCard card(FeatureSchema schema, String input, String output, Integer positiveIndex) {
        return new ModelCard("contract", "1", "click", null, null, null, ModelCard.SchemaSection.of(schema),
                new ModelCard.TensorSpec(input, "float32", new long[] {-1, schema.size()}, null),
                new ModelCard.TensorSpec(output, "float32", new long[] {-1, 1}, positiveIndex), null, null, null, null);
    }

    /**
     * A CTR model {@code <name>-<version>.onnx} computing sigmoid(weight · {@code feature}), with the card the job
     * needs to serve it: label {@code click}, created at {@code createdAt}.
     */
    public static Path clickModel(Path dir, String name, String version, String createdAt, FeatureSchema schema,
            Feature feature, float weight) throws IOException {
        float[] weights = new float[schema.size()];
        weights[feature.ordinal()] = weight;
        Path model = linear(dir, name + "-" + version, schema, weights, 0, true);
        servingCard(name, version, createdAt, schema).write(ModelCard.pathFor(model));
        return model;
    }

    /** A minimal card the job serves from: label {@code click}, {@code created_at} set. */
    public static ModelCard servingCard(String name, String version, String createdAt, FeatureSchema schema) {
        ModelCard contract = card(schema, "features", "p_click", null);
        return new ModelCard(name, version, "click", createdAt, null, null, contract.featureSchema(), contract.input(),
                contract.output(), null, null, null, null);
    }

    /**
     * A CTR model {@code ctr-failing} (newest by its card) that loads, passes the test run every model gets before it
     * serves, and then fails in ONNX Runtime on every batch a job feeds it: for a chaos test to drop into a running
     * job's models directory, or to promote ({@code model_version} {@code ctr-failing}).
     */
    public static Path failingWhileScoring(Path dir) throws IOException {
        return failingWhileScoring(dir, "ctr", "failing", "2100-01-01T00:00:00Z", FeatureSchema.CURRENT);
    }

    /**
     * A CTR model {@code <name>-<version>.onnx} and its card: sigmoid(candidate_rank_log) plus an element gathered at
     * index {@code round(1e6 · Σ (x − probe)²)} from a one-element tensor. On {@link ModelProbe}'s rows the index is
     * 0; on any other batch the subtraction cannot broadcast or the index is out of bounds, and {@code run()} throws.
     */
    public static Path failingWhileScoring(Path dir, String name, String version, String createdAt,
            FeatureSchema schema) throws IOException {
        ONNXContext onnx = new ONNXContext();
        ONNXPlaceholder input = onnx.floatInput("features", schema.size());
        ONNXPlaceholder output = onnx.floatOutput("p_click", 1);
        float[] weights = new float[schema.size()];
        weights[Feature.CANDIDATE_RANK.ordinal()] = 1;
        var probe = onnx.floatTensor("probe", List.of(ModelProbe.ROWS, schema.size()),
                buffer -> buffer.put(ModelProbe.rows(schema)));
        ONNXNode difference = input.apply(ONNXOperators.SUB, probe);
        ONNXNode distance = difference.apply(ONNXOperators.MUL, difference)
                .apply(ONNXOperators.REDUCE_SUM, Map.of("keepdims", 0));
        ONNXNode index = distance.apply(ONNXOperators.MUL, onnx.constant("scale", 1e6f)).cast(long.class);
        ONNXNode zero = onnx.array("zero", new float[] {0})
                .apply(ONNXOperators.GATHER, index, Map.of("axis", 0));
        var w = onnx.floatTensor("w", List.of(weights.length, 1), buffer -> buffer.put(weights));
        var b = onnx.array("b", new float[] {0});
        input.apply(ONNXOperators.GEMM, List.of(w, b)).apply(ONNXOperators.SIGMOID)
                .apply(ONNXOperators.ADD, zero).assignTo(output);
        return write(onnx, dir, name, version, createdAt, schema);
    }

    /**
     * A CTR model {@code <name>-<version>.onnx} computing sigmoid(weight · candidate_rank_log), except NaN for rows
     * whose {@code nanWhereNegative} feature is negative (0 · √x, and √x is NaN for x &lt; 0). Every row of the test
     * run a model gets before serving is non-negative, so it passes that run.
     */
    public static Path nanWhereNegative(Path dir, String name, String version, String createdAt, FeatureSchema schema,
            Feature nanWhereNegative, float weight) throws IOException {
        ONNXContext onnx = new ONNXContext();
        ONNXPlaceholder input = onnx.floatInput("features", schema.size());
        ONNXPlaceholder output = onnx.floatOutput("p_click", 1);
        float[] weights = new float[schema.size()];
        weights[Feature.CANDIDATE_RANK.ordinal()] = weight;
        float[] pick = new float[schema.size()];
        pick[nanWhereNegative.ordinal()] = 1;
        var w = onnx.floatTensor("w", List.of(weights.length, 1), buffer -> buffer.put(weights));
        var p = onnx.floatTensor("pick", List.of(pick.length, 1), buffer -> buffer.put(pick));
        var b = onnx.array("b", new float[] {0});
        ONNXNode nanOrZero = input.apply(ONNXOperators.GEMM, List.of(p, b))
                .apply(ONNXOperators.POW, onnx.constant("half", 0.5f))
                .apply(ONNXOperators.MUL, onnx.constant("nothing", 0f));
        input.apply(ONNXOperators.GEMM, List.of(w, b)).apply(ONNXOperators.ADD, nanOrZero)
                .apply(ONNXOperators.SIGMOID).assignTo(output);
        return write(onnx, dir, name, version, createdAt, schema);
    }

    private static Path write(ONNXContext onnx, Path dir, String name, String version, String createdAt,
            FeatureSchema schema) throws IOException {
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.newBuilder()
                .setGraph(onnx.buildGraph())
                .setIrVersion(6)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .build();
        Path model = dir.resolve(name + "-" + version + ".onnx");
        Files.write(model, proto.toByteArray());
        servingCard(name, version, createdAt, schema).write(ModelCard.pathFor(model));
        return model;
    }

    /** Weights that pass feature 0 through unchanged: the model outputs the first feature. */
    public static float[] firstFeature(int features) {
        float[] weights = new float[features];
        weights[0] = 1;
        return weights;
    }
}
