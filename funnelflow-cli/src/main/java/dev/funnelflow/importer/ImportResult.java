package dev.funnelflow.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import produced. {@link #meta()} is the content of {@code <output>.meta.json}, which
 * {@code eval recs} and {@code ../shared/tools/eval_recs.py} read for the train/test split.
 *
 * @param source the input file(s) as given, comma-separated
 * @param skipReasons the first few skipped rows as {@code file:line: reason}
 * @param firstEventMs earliest event time, or {@code null} without events
 * @param lastEventMs latest event time, or {@code null} without events
 * @param testStartMs start of the test period, or {@code null} without events
 */
public record ImportResult(
        ImportFormat format,
        String source,
        long events,
        long skipped,
        List<String> skipReasons,
        Long firstEventMs,
        Long lastEventMs,
        Long testStartMs) {

    /** The meta file's field for the start of the test period, which {@code eval recs} reads. */
    public static final String TEST_START_FIELD = "test_start_ms";

    public ImportResult {
        skipReasons = List.copyOf(skipReasons);
    }

    /** The meta file's fields, in their documented order. */
    public Map<String, Object> meta() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", format.formatName());
        meta.put("source", source);
        meta.put("events", events);
        meta.put("skipped", skipped);
        meta.put("first_event_ms", firstEventMs);
        meta.put("last_event_ms", lastEventMs);
        meta.put(TEST_START_FIELD, testStartMs);
        return meta;
    }
}
