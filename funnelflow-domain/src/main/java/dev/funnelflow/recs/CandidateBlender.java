package dev.funnelflow.recs;

import dev.funnelflow.profile.ItemRefs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Blends the candidate lists gathered for one request into a top-K list, session-aware: each list arrives with
 * the weight of the session item it came from (the trigger weighs most, older items less, as in V-SKNN of
 * Ludewig &amp; Jannach 2018, "Evaluation of session-based recommendation algorithms"). Each list is scaled by
 * its best score so one very popular neighbour cannot drown the others; an item's score is the weighted sum over
 * lists, and its source is the list that contributed most. Each candidate keeps the category and price the lists
 * knew for it, for ranking.
 */
public final class CandidateBlender {

    private final Map<String, Candidate> candidates = new HashMap<>();

    /** Adds one gathered list with its weight. */
    public void add(CandidateSource source, float weight, ScoredItems list) {
        if (list.size() == 0 || weight <= 0) {
            return;
        }
        float best = list.scores()[0];
        if (best <= 0) {
            return;
        }
        ItemRefs items = list.items();
        for (int i = 0; i < list.size(); i++) {
            float contribution = weight * list.scores()[i] / best;
            Candidate candidate = candidates.computeIfAbsent(items.id(i), Candidate::new);
            candidate.add(source, contribution);
            candidate.learn(items.category(i), items.price(i));
        }
    }

    /** The best {@code k} candidates not in {@code excluded}, best first; ties by item id for determinism. */
    public List<BlendedCandidate> top(int k, Set<String> excluded) {
        List<Candidate> ranked = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates.values()) {
            if (!excluded.contains(candidate.itemId)) {
                ranked.add(candidate);
            }
        }
        ranked.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : a.itemId.compareTo(b.itemId));
        int n = Math.min(k, ranked.size());
        List<BlendedCandidate> top = new ArrayList<>(n);
        for (int rank = 0; rank < n; rank++) {
            Candidate candidate = ranked.get(rank);
            top.add(new BlendedCandidate(candidate.itemId, candidate.category, candidate.price, round(candidate.score),
                    candidate.bestSource, candidate.sourceScores, rank));
        }
        return top;
    }

    private static double round(double score) {
        return Math.round(score * 1e6) / 1e6;
    }

    private static final class Candidate {
        final String itemId;
        final float[] sourceScores = new float[CandidateSource.values().length];
        String category;
        float price = Float.NaN;
        double score;
        CandidateSource bestSource;
        double bestContribution = -1;

        Candidate(String itemId) {
            this.itemId = itemId;
        }

        void add(CandidateSource source, float contribution) {
            score += contribution;
            sourceScores[source.ordinal()] += contribution;
            if (contribution > bestContribution) {
                bestContribution = contribution;
                bestSource = source;
            }
        }

        void learn(String knownCategory, float knownPrice) {
            if (category == null) {
                category = knownCategory;
            }
            if (Float.isNaN(price)) {
                price = knownPrice;
            }
        }
    }
}
