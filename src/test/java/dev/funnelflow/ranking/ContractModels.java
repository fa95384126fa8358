package dev.funnelflow.ranking;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
                new ModelCard.TensorSpec(output, "float32", new long[] {-1, 1}, positiveIndex), null, null, null);
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
                contract.output(), null, null, null);
    }

    /** Weights that pass feature 0 through unchanged: the model outputs the first feature. */
    public static float[] firstFeature(int features) {
        float[] weights = new float[features];
        weights[0] = 1;
        return weights;
    }
}
