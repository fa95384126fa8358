package dev.funnelflow.recs;

/** One candidate list answering a request: a source's current top entries and the weight the request gave it. */
public record CandidateList(String recId, CandidateSource source, float weight, String[] items, float[] scores) {

    public ScoredItems scored() {
        return new ScoredItems(items, scores);
    }
}
