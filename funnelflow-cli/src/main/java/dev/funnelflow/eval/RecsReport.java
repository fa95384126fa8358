package dev.funnelflow.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.SortedMap;

/**
 * The figures of one {@code eval recs} run, rounded to 6 decimals as {@code eval_recs.py} prints them.
 *
 * @param events number of target events
 * @param hits target events whose item was in the top k of their recommendation
 * @param coverage share of target events that had a recommendation
 * @param catalogCoverage distinct items in the used top-k lists / distinct items in the events file
 * @param cutoffs hr and mrr at 1, 5, 10 and k
 * @param testStartMs start of the test period, or {@code null} when every session was evaluated
 * @param namedSubset figures on the meta file's {@code table_e_sessions}, or {@code null}
 */
public record RecsReport(
        int k,
        long events,
        long hits,
        double hr,
        double mrr,
        double coverage,
        double catalogCoverage,
        SortedMap<Integer, Figures> cutoffs,
        Long testStartMs,
        long eventsInFile,
        long eventsSkippedUnparseable,
        Map<RecDiagnostic, Long> diagnostics,
        SubsetFigures namedSubset) {

    /** Hit rate and mean reciprocal rank at one cutoff. */
    public record Figures(double hr, double mrr) {
    }

    /** Figures on a named subset of sessions. */
    public record SubsetFigures(long events, double hr, double mrr) {
    }

    /** Python's {@code round(x, 6)}: half-even on the exact binary value. */
    static double round6(double value) {
        return new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The output object, keys in the order of eval_recs.py. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("k", k);
        json.put("events", events);
        json.put("hits", hits);
        json.put("hr", hr);
        json.put("mrr", mrr);
        json.put("coverage", coverage);
        json.put("catalog_coverage", catalogCoverage);
        ObjectNode cutoffsJson = json.putObject("cutoffs");
        cutoffs.forEach((cutoff, figures) ->
                cutoffsJson.putObject(cutoff.toString()).put("hr", figures.hr()).put("mrr", figures.mrr()));
        json.put("test_start_ms", testStartMs);
        json.put("events_in_file", eventsInFile);
        json.put("events_skipped_unparseable", eventsSkippedUnparseable);
        diagnostics.forEach((diagnostic, count) -> json.put(diagnostic.jsonName(), count));
        if (namedSubset != null) {
            json.putObject("table_e_subset")
                    .put("events", namedSubset.events())
                    .put("hr", namedSubset.hr())
                    .put("mrr", namedSubset.mrr());
        }
        return json;
    }
}
