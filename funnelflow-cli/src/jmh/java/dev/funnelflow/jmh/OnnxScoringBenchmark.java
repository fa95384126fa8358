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
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One batch scored by the CTR and the CVR model (issue 3: the project's path at least 0.8 of raw ONNX Runtime).
 * {@link #projectPath} is what the ranking operator calls per batch ({@link ModelSet#score} of the checked
 * {@link OnnxRanker}s its models directory serves); {@link #rawSessionRun} is the least the ONNX Runtime Java API
 * allows for the same result: sessions of the same files with the same options (one intra-op thread), one input tensor made once over a direct buffer and
 * reused, one {@code run} per model, the P(label 1) column copied out. Rows per second = rows / time per op.
 *
 * <p>On a shared machine, two benchmarks run one after the other see different loads; {@link #interleaved} runs
 * both paths alternately in the same iterations and reports the time each took ({@code projectNanos},
 * {@code rawNanos}): their ratio is the comparison to quote.
 */
public class OnnxScoringBenchmark extends HotPathBenchmark {

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

    /** Time spent in each path by {@link #interleaved}, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PathTimes {
        public long projectNanos;
        public long rawNanos;
        private boolean projectFirst;

        @Setup(Level.Iteration)
        public void reset() {
            projectNanos = 0;
            rawNanos = 0;
        }
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

    /** Both paths, in alternating order so neither always runs on the other's warm caches. */
    @Benchmark
    public void interleaved(PathTimes times, Blackhole out) throws OrtException {
        boolean projectFirst = times.projectFirst;
        times.projectFirst = !projectFirst;
        long start = System.nanoTime();
        out.consume(projectFirst ? projectPath() : rawSessionRun());
        long middle = System.nanoTime();
        out.consume(projectFirst ? rawSessionRun() : projectPath());
        long end = System.nanoTime();
        times.projectNanos += projectFirst ? middle - start : end - middle;
        times.rawNanos += projectFirst ? end - middle : middle - start;
    }
}
