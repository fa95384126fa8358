package dev.funnelflow.ranking;

import dev.funnelflow.recs.BlendedCandidate;
import dev.funnelflow.recs.Recommendation;
import dev.funnelflow.recs.RecommendationRequest;
import dev.funnelflow.recs.RecommendedItem;
import java.util.Arrays;
import java.util.Comparator;

/** Cuts a request's candidates to the final list: in blended order, or by the models' objective when scored. */
public final class RankedList {

    private RankedList() {}

    /** The best {@code k} candidates in the blender's order; no probabilities, no model. */
    public static Recommendation unranked(RankingRequest ranking, int k, long emittedAt) {
        BlendedCandidate[] candidates = ranking.candidates();
        RecommendedItem[] items = new RecommendedItem[Math.min(k, candidates.length)];
        for (int i = 0; i < items.length; i++) {
            items[i] = new RecommendedItem(candidates[i].itemId(), candidates[i].score(), null, null,
                    candidates[i].source().label());
        }
        return recommendation(ranking.request(), items, null, emittedAt);
    }

    /**
     * The best {@code k} candidates by {@code objective}; ties keep the blender's order.
     *
     * @param outputs {@code [pClick, pConvert]} per candidate, NaN where a model is missing ({@link ModelSet#score})
     */
    public static Recommendation ranked(RankingRequest ranking, float[] outputs, String modelVersion,
            RankingObjective objective, int k, long emittedAt) {
        BlendedCandidate[] candidates = ranking.candidates();
        double neutralPrice = medianKnownPrice(candidates);
        double[] value = new double[candidates.length];
        Integer[] order = new Integer[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            float price = candidates[i].price();
            value[i] = objective.value(outputs[2 * i], outputs[2 * i + 1], Float.isNaN(price) ? neutralPrice : price);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -value[i]).thenComparingInt(i -> i));
        RecommendedItem[] items = new RecommendedItem[Math.min(k, candidates.length)];
        for (int rank = 0; rank < items.length; rank++) {
            int i = order[rank];
            items[rank] = new RecommendedItem(candidates[i].itemId(), round(value[i]), probability(outputs[2 * i]),
                    probability(outputs[2 * i + 1]), candidates[i].source().label());
        }
        return recommendation(ranking.request(), items, modelVersion, emittedAt);
    }

    private static Recommendation recommendation(RecommendationRequest request, RecommendedItem[] items,
            String modelVersion, long emittedAt) {
        return new Recommendation(request.recId(), request.userId(), request.sessionId(), request.triggerEventId(),
                request.eventTime(), emittedAt, items, modelVersion);
    }

    /** Unknown prices rank as a typical item of the list would, or 1 when no price is known. */
    private static double medianKnownPrice(BlendedCandidate[] candidates) {
        double[] known = Arrays.stream(candidates).mapToDouble(BlendedCandidate::price).filter(p -> !Double.isNaN(p))
                .sorted().toArray();
        return known.length == 0 ? 1 : known[known.length / 2];
    }

    private static Double probability(float p) {
        return Float.isNaN(p) ? null : Math.round(p * 1e6) / 1e6;
    }

    private static double round(double score) {
        return Math.round(score * 1e6) / 1e6;
    }
}
