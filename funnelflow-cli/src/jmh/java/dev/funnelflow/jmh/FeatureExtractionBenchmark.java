package dev.funnelflow.jmh;

import dev.funnelflow.ranking.RankingRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** The feature rows of one request's blended candidates (50 by default), as the ranking operator computes them. */
public class FeatureExtractionBenchmark extends HotPathBenchmark {

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
