package dev.funnelflow.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-computed cases of the eval_recs.py protocol. */
class RecsEvaluatorTest {
    private static final String T0 = "2016-05-20T10:00:00Z";

    @TempDir
    Path dir;

    private final List<String> events = new ArrayList<>();
    private final List<String> recs = new ArrayList<>();

    @Test
    void hitsAtRankOneAndThree() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");
        view("e3", 120, "u", "s1", "C");
        rec("e1", "u", "s1", 0, "B", "X", "Y");
        rec("e2", "u", "s1", 60, "X", "Y", "C");

        RecsReport report = evaluate(20, null);

        assertThat(report.events()).isEqualTo(2);
        assertThat(report.hits()).isEqualTo(2);
        assertThat(report.hr()).isEqualTo(1.0);
        assertThat(report.mrr()).isEqualTo(0.666667); // (1 + 1/3) / 2
        assertThat(report.coverage()).isEqualTo(1.0);
        assertThat(report.cutoffs().get(1)).isEqualTo(new RecsReport.Figures(0.5, 0.5));
        assertThat(report.cutoffs().get(5)).isEqualTo(new RecsReport.Figures(1.0, 0.666667));
    }

    @Test
    void missesAndTargetsWithoutRecommendation() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");
        view("e3", 120, "u", "s1", "C");
        rec("e1", "u", "s1", 0, "X", "Y");
        view("f1", 0, "v", "s2", "A");
        view("f2", 60, "v", "s2", "B");

        RecsReport report = evaluate(20, null);

        // e2 and e3 both use the rec at e1 (the latest before them) and miss; f2 has none.
        assertThat(report.events()).isEqualTo(3);
        assertThat(report.hits()).isZero();
        assertThat(report.hr()).isZero();
        assertThat(report.coverage()).isEqualTo(0.666667);
    }

    @Test
    void recommendationTriggeredByTheTargetItselfIsNotUsed() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");
        rec("e2", "u", "s1", 60, "B");

        RecsReport report = evaluate(20, null);

        assertThat(report.events()).isEqualTo(1);
        assertThat(report.hits()).isZero();
        assertThat(report.coverage()).isZero();
    }

    @Test
    void sessionsAreDerivedFromAThirtyMinuteGapWhenEventsHaveNoSessionId() throws IOException {
        view("e1", 0, "u", null, "A");
        view("e2", 10 * 60, "u", null, "B");
        view("e3", 45 * 60, "u", null, "C"); // 35 minutes later: a new session, so not a target
        view("e4", 50 * 60, "u", null, "D");
        rec("e1", "u", null, 0, "B");
        rec("e2", "u", null, 10 * 60, "C");
        rec("e3", "u", null, 45 * 60, "D");

        RecsReport report = evaluate(20, null);

        assertThat(report.events()).isEqualTo(2);
        assertThat(report.hits()).isEqualTo(2);
    }

    @Test
    void onlySessionsStartingAtOrAfterTheTestStartAreScored() throws IOException {
        view("a1", -10 * 60, "u", "s1", "A"); // starts before the split...
        view("a2", 10 * 60, "u", "s1", "B"); // ...so this later event is not scored either
        rec("a1", "u", "s1", -10 * 60, "B");
        view("b1", 0, "v", "s2", "A");
        view("b2", 60, "v", "s2", "C");
        rec("b1", "v", "s2", 0, "X");

        RecsReport test = evaluate(20, millis(T0));
        RecsReport all = evaluate(20, null);

        assertThat(test.events()).isEqualTo(1);
        assertThat(test.hits()).isZero();
        assertThat(test.testStartMs()).isEqualTo(millis(T0));
        assertThat(all.events()).isEqualTo(2);
        assertThat(all.hits()).isEqualTo(1);
    }

    @Test
    void unknownTriggerIsAnchoredByTimeToTheSessionsLastEventAtOrBeforeIt() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");
        view("e3", 120, "u", "s1", "C");
        rec("gone", "u", "s1", 90, "B", "C"); // anchored at e2: used for e3, not for e2
        rec("gone", "u", "s1", -30, "A"); // before the session's first event
        rec("gone", "u", "nope", 90, "A"); // no such session

        RecsReport report = evaluate(20, null);

        assertThat(report.events()).isEqualTo(2);
        assertThat(report.hits()).isEqualTo(1);
        assertThat(report.mrr()).isEqualTo(0.25); // rank 2 for e3, miss for e2
        assertThat(report.diagnostics())
                .containsEntry(RecDiagnostic.RECS_ANCHORED_BY_TIME, 1L)
                .containsEntry(RecDiagnostic.RECS_UNANCHORED, 2L);
    }

    @Test
    void atTheSameAnchorTheRecommendationEmittedLastWins() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");
        recEmitted("e1", 5, "X"); // emitted last: wins although an earlier line
        recEmitted("e1", 3, "B");
        view("f1", 0, "v", "s2", "A");
        view("f2", 60, "v", "s2", "B");
        recEmitted("f1", 5, "X");
        recEmitted("f1", 5, "B"); // same emitted_at: the later line wins

        RecsReport report = evaluate(20, null);

        assertThat(report.events()).isEqualTo(2);
        assertThat(report.hits()).isEqualTo(1);
    }

    @Test
    void ranksPastKCountOnlyAtLargerCutoffs() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "E");
        rec("e1", "u", "s1", 0, "A", "B", "C", "D", "E");

        RecsReport report = evaluate(3, null);

        assertThat(report.cutoffs()).containsOnlyKeys(1, 3, 5, 10);
        assertThat(report.hits()).isZero();
        assertThat(report.cutoffs().get(5)).isEqualTo(new RecsReport.Figures(1.0, 0.2));
        // A, B, C of the used top 3 / the 2 items seen (A, E): above 1 when lists hold items never seen in events.
        assertThat(report.catalogCoverage()).isEqualTo(1.5);
    }

    @Test
    void diagnosticsCountBadAndOddRecommendations() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");
        recs.add("");
        recs.add("{not json");
        recs.add("[1, 2]");
        recs.add("{\"trigger_event_id\": \"e1\", \"session_id\": \"other\", \"items\": []}");
        recs.add("{\"trigger_event_id\": \"e1\", \"items\": [\"B\", \"B\", {\"item_id\": 7}]}");

        RecsReport report = evaluate(2, null);

        assertThat(report.diagnostics()).containsExactly(
                entry(RecDiagnostic.RECS_READ, 2), entry(RecDiagnostic.RECS_BAD_JSON, 2),
                entry(RecDiagnostic.RECS_ANCHORED_BY_TRIGGER, 2), entry(RecDiagnostic.RECS_ANCHORED_BY_TIME, 0),
                entry(RecDiagnostic.RECS_UNANCHORED, 0), entry(RecDiagnostic.RECS_WITHOUT_ITEMS, 1),
                entry(RecDiagnostic.LISTS_WITH_DUPLICATES, 1), entry(RecDiagnostic.LISTS_SHORTER_THAN_K, 1),
                entry(RecDiagnostic.RECS_SESSION_MISMATCH, 1));
        assertThat(report.hits()).isEqualTo(1);
    }

    @Test
    void unparseableEventLinesAreSkippedAndDoNotShiftSessions() throws IOException {
        view("e1", 0, "u", "s1", "A");
        events.add("{broken");
        events.add("{\"event_id\": \"x\", \"event_time\": \"" + T0 + "\", \"user_id\": 42, \"type\": \"view\"}");
        events.add("");
        view("e2", 60, "u", "s1", "B");
        rec("e1", "u", "s1", 0, "B");

        RecsReport report = evaluate(20, null);

        assertThat(report.eventsInFile()).isEqualTo(2);
        assertThat(report.eventsSkippedUnparseable()).isEqualTo(3);
        assertThat(report.hits()).isEqualTo(1);
    }

    @Test
    void namedSubsetFromTheMetaFileIsReportedApart() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");
        view("f1", 0, "v", "s2", "A");
        view("f2", 60, "v", "s2", "B");
        rec("e1", "u", "s1", 0, "B");

        RecsReport report = new RecsEvaluator(20, null, Set.of("s2")).evaluate(write("events.jsonl", events),
                write("recs.jsonl", recs));

        assertThat(report.hr()).isEqualTo(0.5);
        assertThat(report.namedSubset()).isEqualTo(new RecsReport.SubsetFigures(1, 0.0, 0.0));
    }

    @Test
    void jsonStartsWithTheHeadlineFigures() throws IOException {
        view("e1", 0, "u", "s1", "A");
        view("e2", 60, "u", "s1", "B");

        ObjectNode json = evaluate(20, null).toJson();

        assertThat(json.fieldNames()).toIterable().startsWith("k", "events", "hits", "hr", "mrr", "coverage",
                "catalog_coverage", "cutoffs", "test_start_ms", "events_in_file", "events_skipped_unparseable",
                "recs_read");
        assertThat(json.get("hr").asDouble()).isCloseTo(0.0, within(1e-12));
    }

    private RecsReport evaluate(int k, Long testStartMs) throws IOException {
        return new RecsEvaluator(k, testStartMs, Set.of()).evaluate(write("events.jsonl", events),
                write("recs.jsonl", recs));
    }

    private void view(String id, int secondsAfterT0, String user, String session, String item) {
        ObjectNode event = JsonNodeFactory.instance.objectNode()
                .put("event_id", id)
                .put("event_time", Instant.parse(T0).plusSeconds(secondsAfterT0).toString())
                .put("user_id", user);
        if (session != null) {
            event.put("session_id", session);
        }
        events.add(event.put("type", "view").put("item_id", item).toString());
    }

    private void rec(String trigger, String user, String session, int secondsAfterT0, String... items) {
        ObjectNode rec = JsonNodeFactory.instance.objectNode()
                .put("trigger_event_id", trigger)
                .put("user_id", user)
                .put("event_time", Instant.parse(T0).plusSeconds(secondsAfterT0).toString());
        if (session != null) {
            rec.put("session_id", session);
        }
        var list = rec.putArray("items");
        for (String item : items) {
            list.addObject().put("item_id", item).put("score", 1.0);
        }
        recs.add(rec.toString());
    }

    private void recEmitted(String trigger, int emittedSecondsAfterT0, String item) {
        recs.add(JsonNodeFactory.instance.objectNode()
                .put("trigger_event_id", trigger)
                .put("emitted_at", Instant.parse(T0).plusSeconds(emittedSecondsAfterT0).toString())
                .set("items", JsonNodeFactory.instance.arrayNode().add(item))
                .toString());
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(dir.resolve(name), lines);
    }

    private static java.util.Map.Entry<RecDiagnostic, Long> entry(RecDiagnostic diagnostic, long count) {
        return java.util.Map.entry(diagnostic, count);
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}
