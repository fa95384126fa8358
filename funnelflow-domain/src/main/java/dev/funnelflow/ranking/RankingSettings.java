package dev.funnelflow.ranking;

import dev.funnelflow.recs.HashSample;
import java.io.Serializable;

/**
 * How candidates are ranked and logged.
 *
 * @param modelsDir the champion's models, null for unranked lists
 * @param challengerModelsDir the challenger's models, null for none
 * @param challengerShare share of users served by the challenger
 * @param candidates blended candidates scored per request
 * @param batchRows most rows per model run
 * @param batchDelayMillis longest a request waits for a shared run
 * @param exampleSampleRate share of requests logged to {@code training-examples}
 * @param organicSampleRate share of views logged as organic examples (the viewed item, no recommender involved)
 */
public record RankingSettings(
        String modelsDir,
        String challengerModelsDir,
        double challengerShare,
        RankingObjective objective,
        int candidates,
        int batchRows,
        long batchDelayMillis,
        long pollIntervalMillis,
        ExecutionProvider provider,
        double exampleSampleRate,
        double organicSampleRate,
        LabelWindows labels) implements Serializable {

    public RankingSettings {
        if (challengerShare < 0 || challengerShare > 1 || candidates < 1 || batchRows < 1 || batchDelayMillis < 0
                || pollIntervalMillis < 1 || exampleSampleRate < 0 || exampleSampleRate > 1 || organicSampleRate < 0
                || organicSampleRate > 1) {
            throw new IllegalArgumentException("invalid ranking settings: " + this);
        }
        if (challengerShare > 0 && challengerModelsDir == null) {
            throw new IllegalArgumentException("a challenger share of " + challengerShare
                    + " needs a challenger models directory (funnelflow.ranking.challenger.models-dir)");
        }
    }

    /** The models directory of {@code variant}, null when it has none. */
    public String modelsDir(Variant variant) {
        return variant == Variant.CHAMPION ? modelsDir : challengerModelsDir;
    }

    /** Whether the request is in the deterministic sample logged to {@code training-examples}. */
    public boolean logsExamples(String recId) {
        return HashSample.contains(recId, exampleSampleRate);
    }

    /** Whether the view that triggered {@code recId} is in the deterministic sample logged as an organic example. */
    public boolean logsOrganic(String recId) {
        return HashSample.contains(recId, organicSampleRate);
    }
}
