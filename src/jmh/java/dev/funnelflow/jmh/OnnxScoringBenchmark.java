package dev.funnelflow.jmh;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.funnelflow.ranking.ExampleLabel;
import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.ModelRejectedException;
import dev.funnelflow.ranking.ModelSet;
import dev.funnelflow.ranking.OnnxRanker;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One batch scored by the CTR and the CVR model (issue 3: the project's path at least 0.8 of raw ONNX Runtime).
 * {@link #projectPath} is what the ranking operator calls per batch ({@link ModelSet#score} of the checked
 * {@link OnnxRanker}s its models directory serves); {@link #rawSessionRun} is the least the ONNX Runtime Java API
 * allows for the same result: sessions of the same files with the same options (one intra-op thread), one input tensor made once over a direct buffer and
 * reused, one {@code run} per model, the P(label 1) column copied out. Rows per second = rows / time per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OnnxScoringBenchmark {

    /** The operator's default batch ({@code funnelflow.ranking.batch.max-rows}) and one request's candidates. */
    @Param({"512", "50"})
    public int rows;

    private ModelSet models;
    private float[] features;
    private OrtSession[] rawSessions;
    private int[] positiveColumns;
    private int[] outputWidths;
    private OnnxTensor rawInput;
    private String inputName;
    private Set<String> outputNames;

    @Setup
    public void setUp() throws OrtException, ModelRejectedException {
        models = BundledModels.load();
        features = BundledModels.rows(Traffic.get().requests, rows);

        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        ExampleLabel[] labels = {ExampleLabel.CLICK, ExampleLabel.CONVERT};
        Path[] files = {BundledModels.CTR, BundledModels.CVR};
        rawSessions = new OrtSession[labels.length];
        positiveColumns = new int[labels.length];
        outputWidths = new int[labels.length];
        for (int m = 0; m < labels.length; m++) {
            OnnxRanker ranker = models.model(labels[m]);
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setIntraOpNumThreads(1);
                rawSessions[m] = environment.createSession(files[m].toString(), options);
            }
            long[] outputShape = ranker.card().output().shape();
            outputWidths[m] = outputShape.length == 2 ? (int) outputShape[1] : 1;
            Integer positive = ranker.card().output().positiveIndex();
            positiveColumns[m] = positive == null ? 0 : positive;
        }
        inputName = models.model(ExampleLabel.CLICK).card().input().name();
        outputNames = Set.of(models.model(ExampleLabel.CLICK).card().output().name());
        FloatBuffer buffer = ByteBuffer.allocateDirect(features.length * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        buffer.put(features).flip();
        rawInput = OnnxTensor.createTensor(environment, buffer, new long[] {rows, FeatureSchema.CURRENT.size()});
    }

    @TearDown
    public void tearDown() throws OrtException {
        rawInput.close();
        for (OrtSession session : rawSessions) {
            session.close();
        }
        BundledModels.close(models);
    }

    @Benchmark
    public float[] projectPath() {
        return models.score(features, rows);
    }

    @Benchmark
    public float[] rawSessionRun() throws OrtException {
        float[] out = new float[rows * rawSessions.length];
        for (int m = 0; m < rawSessions.length; m++) {
            try (OrtSession.Result result = rawSessions[m].run(Map.of(inputName, rawInput), outputNames)) {
                FloatBuffer probabilities = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int row = 0; row < rows; row++) {
                    out[rawSessions.length * row + m] = probabilities.get(row * outputWidths[m] + positiveColumns[m]);
                }
            }
        }
        return out;
    }
}
