package dev.funnelflow.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListOutcomesTest {

    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    @Test
    void countsListsWhoseItemsWereViewedOrBoughtInTimePerModelVersion() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Files.write(events, List.of(
                event("u1", "view", "x", 5 * MINUTE),       // u1 clicks x of list A within the window
                event("u1", "purchase", "y", 120 * MINUTE), // and buys y of list A within a day
                event("u2", "view", "p", 45 * MINUTE),      // too late for list B's click window
                "not json"));
        Path recs = dir.resolve("recommendations.jsonl");
        Files.write(recs, List.of(
                rec("u1", 0, "ctr-a", "x", "y"),
                rec("u2", 0, "ctr-b", "p", "q"),
                rec("u3", 0, null, "x")));

        List<ListOutcomes.Arm> arms = ListOutcomes.evaluate(events, recs, 30 * MINUTE, 24 * 60 * MINUTE);

        assertThat(arms).containsExactly(
                new ListOutcomes.Arm("ctr-a", 1, 2, 1.0, 1.0, 0.5),
                new ListOutcomes.Arm("ctr-b", 1, 2, 0.0, 0.0, 0.0),
                new ListOutcomes.Arm("none", 1, 1, 0.0, 0.0, 0.0));
    }

    private static String event(String user, String type, String item, long time) {
        return String.format("{\"event_id\":\"%s%d\",\"event_time\":%d,\"user_id\":\"%s\",\"type\":\"%s\","
                + "\"item_id\":\"%s\"}", user, time, 1_700_000_000_000L + time, user, type, item);
    }

    private static String rec(String user, long time, String version, String... items) {
        StringBuilder list = new StringBuilder();
        for (String item : items) {
            list.append(list.isEmpty() ? "" : ",").append("{\"item_id\":\"").append(item).append("\"}");
        }
        return String.format("{\"user_id\":\"%s\",\"event_time\":%d,\"items\":[%s],\"model_version\":%s}", user,
                1_700_000_000_000L + time, list, version == null ? "null" : "\"" + version + "\"");
    }
}
