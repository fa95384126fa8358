package dev.funnelflow.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prequential next-item evaluation of a recommendations file against a clickstream events file: exactly the
 * protocol of the reference scorer {@code ../shared/tools/eval_recs.py} (DESIGN.md §4), which in turn streams
 * the "next item" evaluation of session-based recommenders (Ludewig &amp; Jannach, "Evaluation of
 * session-based recommendation algorithms", UMUAI 2018; the session-rec framework).
 *
 * <ul>
 *   <li>Sessions are (user_id, session_id); events without a session id get one from a 30-minute gap per user.
 *   <li>Targets: every view/click with an item that is not the first such event of its session, in test
 *       sessions only (first event at or after the test start) unless every session is evaluated.
 *   <li>A target at position p is scored with the latest recommendation of its session anchored strictly
 *       before p (see {@link AnchoredRecs}): a recommendation triggered by the target itself is never used.
 *   <li>HR@k and MRR@k over the targets (a target without a recommendation is a miss), coverage, catalog
 *       coverage, figures at cutoffs 1, 5, 10 and k, all rounded to 6 decimals.
 * </ul>
 */
public final class RecsEvaluator {
    // json.loads accepts NaN and Infinity, so the same lines parse here.
    private static final JsonFactory JSON =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().getFactory();

    private final int k;
    private final Long testStartMs;
    private final Set<String> namedSubsetSessions;
    private final int[] cutoffs;

    /**
     * @param testStartMs sessions starting before this are training data and not scored; {@code null} scores all
     * @param namedSubsetSessions session ids whose figures are also reported apart (may be empty)
     */
    public RecsEvaluator(int k, Long testStartMs, Set<String> namedSubsetSessions) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
        this.testStartMs = testStartMs;
        this.namedSubsetSessions = Set.copyOf(namedSubsetSessions);
        this.cutoffs = new TreeSet<>(List.of(1, 5, 10, k)).stream().mapToInt(Integer::intValue).toArray();
    }

    /** A time as the evaluator reads it: ISO-8601 (UTC unless an offset is given) or epoch ms; else null. */
    public static Long parseTime(String text) {
        return PyJsonValues.timeMs(text);
    }

    public RecsReport evaluate(Path eventsFile, Path recommendationsFile) throws IOException {
        EventLog events = EventLog.load(eventsFile, JSON);
        int maxCutoff = cutoffs[cutoffs.length - 1];
        AnchoredRecs recs = AnchoredRecs.load(recommendationsFile, events, k, maxCutoff, JSON);
        return score(events, recs);
    }

    private RecsReport score(EventLog events, AnchoredRecs recs) {
        long[] hitsAt = new long[cutoffs.length];
        double[] reciprocalRanksAt = new double[cutoffs.length];
        long targets = 0;
        long targetsWithRec = 0;
        BitSet recommendedItems = new BitSet();
        long subsetTargets = 0;
        long subsetHits = 0;
        double subsetReciprocalRanks = 0;

        // Sessions in order of first appearance and sums in event order, as in Python: identical float sums.
        for (int session = 0; session < events.sessions.size(); session++) {
            if (testStartMs != null && events.sessionFirstTimeMs(session) < testStartMs) {
                continue;
            }
            boolean inSubset = namedSubsetSessions.contains(events.sessions.get(session).sessionId());
            int[] latestRec = null;
            boolean seenItemEvent = false;
            int from = events.sessionStart[session];
            for (int i = from; i < from + events.sessionLength(session); i++) {
                int position = events.sessionPositions[i];
                if (events.isItemEvent[position]) {
                    if (seenItemEvent) {
                        targets++;
                        int rank = 0;
                        if (latestRec != null) {
                            targetsWithRec++;
                            for (int r = 0; r < Math.min(k, latestRec.length); r++) {
                                recommendedItems.set(latestRec[r]);
                            }
                            rank = rankOf(events.itemOf[position], latestRec);
                        }
                        for (int c = 0; c < cutoffs.length; c++) {
                            if (rank > 0 && rank <= cutoffs[c]) {
                                hitsAt[c]++;
                                reciprocalRanksAt[c] += 1.0 / rank;
                            }
                        }
                        if (inSubset) {
                            subsetTargets++;
                            if (rank > 0 && rank <= k) {
                                subsetHits++;
                                subsetReciprocalRanks += 1.0 / rank;
                            }
                        }
                    }
                    seenItemEvent = true;
                }
                // Updated after scoring: a recommendation anchored at the target itself is not used for it.
                if (recs.itemsAt[position] != null) {
                    latestRec = recs.itemsAt[position];
                }
            }
        }

        double n = Math.max(targets, 1);
        SortedMap<Integer, RecsReport.Figures> figures = new TreeMap<>();
        int atK = 0;
        for (int c = 0; c < cutoffs.length; c++) {
            figures.put(cutoffs[c], new RecsReport.Figures(
                    RecsReport.round6(hitsAt[c] / n), RecsReport.round6(reciprocalRanksAt[c] / n)));
            if (cutoffs[c] == k) {
                atK = c;
            }
        }
        RecsReport.SubsetFigures subset = namedSubsetSessions.isEmpty() || subsetTargets == 0 ? null
                : new RecsReport.SubsetFigures(subsetTargets, RecsReport.round6(subsetHits / (double) subsetTargets),
                        RecsReport.round6(subsetReciprocalRanks / subsetTargets));
        return new RecsReport(k, targets, hitsAt[atK],
                RecsReport.round6(hitsAt[atK] / n),
                RecsReport.round6(reciprocalRanksAt[atK] / n),
                RecsReport.round6(targetsWithRec / n),
                RecsReport.round6(recommendedItems.cardinality() / (double) Math.max(events.distinctEventItems, 1)),
                figures, testStartMs, events.size, events.skippedLines, recs.diagnostics, subset);
    }

    /** 1-based rank of the item's first occurrence in the list, 0 when absent. */
    private static int rankOf(int item, int[] list) {
        for (int i = 0; i < list.length; i++) {
            if (list[i] == item) {
                return i + 1;
            }
        }
        return 0;
    }
}
