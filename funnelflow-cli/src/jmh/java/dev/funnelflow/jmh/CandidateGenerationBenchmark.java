package dev.funnelflow.jmh;

import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.DecayedTopList;
import dev.funnelflow.recs.ItemSignal;
import dev.funnelflow.recs.RecsSettings;
import dev.funnelflow.recs.ScoredItems;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Candidate generation on warmed-up lists: one signal to a decayed top list (lookup of its top entries and/or
 * learning co-visits; an event sends one per earlier session item plus two or three), and the blend of one
 * request's gathered lists into its top candidates.
 */
public class CandidateGenerationBenchmark extends HotPathBenchmark {

    private Map<String, DecayedTopList> lists;
    private RecsSettings recs;
    private int candidates;
    private Cycle<ItemSignal> signals;
    private Cycle<Traffic.Gathered> gathered;

    @Setup
    public void setUp() {
        Traffic traffic = Traffic.get();
        lists = traffic.lists;
        recs = Traffic.SETTINGS.recs();
        candidates = Traffic.candidateCount();
        signals = new Cycle<>(traffic.signals);
        gathered = new Cycle<>(traffic.gathered);
    }

    @Benchmark
    public ScoredItems signalToList() {
        return Traffic.lookUpAndLearn(signals.next(), lists, recs);
    }

    @Benchmark
    public List<BlendedCandidate> blendRequest() {
        return Traffic.blend(gathered.next(), candidates);
    }
}
