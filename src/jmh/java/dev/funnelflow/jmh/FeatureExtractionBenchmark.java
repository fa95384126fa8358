package dev.funnelflow.jmh;

import dev.funnelflow.ranking.RankingRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The feature rows of one request's blended candidates (50 by default), as the ranking operator computes them. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FeatureExtractionBenchmark {

    private Cycle<RankingRequest> requests;

    @Setup
    public void setUp() {
        requests = new Cycle<>(Traffic.get().requests);
    }

    @Benchmark
    public float[] featureRowsOfRequest() {
        return requests.next().featureRows();
    }
}
