package dev.funnelflow.jmh;

import dev.funnelflow.ranking.FeatureSchema;
import dev.funnelflow.ranking.MicroBatcher;
import dev.funnelflow.ranking.ModelRejectedException;
import dev.funnelflow.ranking.ModelSet;
import dev.funnelflow.ranking.RankedList;
import dev.funnelflow.ranking.RankingRequest;
import dev.funnelflow.ranking.RankingSettings;
import dev.funnelflow.recs.Recommendation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Time a request spends in the ranking step beyond waiting for others, at the default micro-batch settings
 * (512 rows / 2 ms), as distributions (p50 .. p99.9):
 * <ul>
 *   <li>{@link #loneRequest}: a request scored on its own (quiet traffic, or {@code max-delay} 0): its feature rows,
 *       one run of both models over its ~50 rows, its ranked list;
 *   <li>{@link #fullBatch}: requests arriving back to back through the operator's {@link MicroBatcher} until it
 *       runs a full batch, then every ranked list: the latency of the batch's first request under saturation.
 * </ul>
 * Between the two, a request waits at most {@code max-delay} (2 ms) for others before its batch runs; the added
 * latency is bounded by that wait plus the run of the batch it lands in.
 */
@BenchmarkMode(Mode.SampleTime)
public class RankingLatencyBenchmark extends HotPathBenchmark {

    private ModelSet models;
    private RankingSettings settings;
    private int listSize;
    private Cycle<RankingRequest> requests;
    private MicroBatcher<RankingRequest> batcher;

    @Setup
    public void setUp() throws ModelRejectedException {
        Traffic traffic = Traffic.get();
        models = BundledModels.load();
        settings = Traffic.SETTINGS.ranking();
        listSize = Traffic.SETTINGS.recs().k();
        requests = new Cycle<>(traffic.requests);
        batcher = new MicroBatcher<>(FeatureSchema.CURRENT.size(), 2, settings.batchRows(),
                TimeUnit.MILLISECONDS.toNanos(settings.batchDelayMillis()), models::score);
    }

    @TearDown
    public void tearDown() {
        BundledModels.close(models);
    }

    @Benchmark
    public Recommendation loneRequest() {
        RankingRequest request = requests.next();
        float[] scores = models.score(request.featureRows(), request.size());
        return RankedList.ranked(request, scores, models.version(), settings.objective(), listSize,
                System.currentTimeMillis());
    }

    @Benchmark
    public void fullBatch(Blackhole out) {
        List<MicroBatcher.Scored<RankingRequest>> scored;
        do {
            RankingRequest request = requests.next();
            scored = batcher.add(request, request.featureRows(), request.size(), System.nanoTime());
        } while (scored.isEmpty());
        long now = System.currentTimeMillis();
        for (MicroBatcher.Scored<RankingRequest> result : scored) {
            out.consume(RankedList.ranked(result.request(), result.probabilities(), models.version(),
                    settings.objective(), listSize, now));
        }
    }
}
