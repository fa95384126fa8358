package dev.funnelflow.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventJson;
import dev.funnelflow.event.EventParser;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Converts public dataset files into clickstream JSON lines sorted by event time, plus
 * {@code <output>.meta.json}. Bad rows are counted and skipped, never fatal.
 *
 * <p>Event ids are {@code <prefix>-<line>}, the line number (1-based, header included) in the inputs read one
 * after another, so the same files always give the same ids. The test period is the last {@code testDays}
 * calendar days (UTC) up to the last event: with 7, the Diginetica split of the session-based literature (e.g.
 * the preprocessing script of Wu et al., "Session-based Recommendation with Graph Neural Networks", AAAI 2019).
 */
public final class Importer {
    public static final long PROGRESS_EVERY_ROWS = 1_000_000;
    static final int MAX_SKIP_REASONS = 5;
    /** Milliseconds per UTC day (epoch time has no leap seconds); the one copy in the importer. */
    static final long DAY_MS = 86_400_000L;
    private static final int MAX_QUOTED_CHARS = 120;

    private final ImportFormat format;
    private final int testDays;
    private final ImportProgress progress;
    private final int sortChunkEvents;
    private final EventJson json = new EventJson();

    public Importer(ImportFormat format, int testDays, ImportProgress progress) {
        this(format, testDays, progress, EventTimeSorter.DEFAULT_CHUNK_EVENTS);
    }

    Importer(ImportFormat format, int testDays, ImportProgress progress, int sortChunkEvents) {
        if (testDays < 1) {
            throw new IllegalArgumentException("testDays must be >= 1, got " + testDays);
        }
        this.format = format;
        this.testDays = testDays;
        this.progress = progress;
        this.sortChunkEvents = sortChunkEvents;
    }

    /** Start (00:00 UTC) of the day {@code testDays} days before the day after the last event. */
    static long testStartMs(long lastEventMs, int testDays) {
        return (Math.floorDiv(lastEventMs, DAY_MS) + 1 - testDays) * DAY_MS;
    }

    /** The meta file written next to an output file, {@code <output>.meta.json}. */
    public static Path metaPath(Path output) {
        return output.resolveSibling(output.getFileName() + ".meta.json");
    }

    public ImportResult run(List<Path> inputs, Path output) throws IOException {
        Path outputDir = output.toAbsolutePath().getParent();
        Files.createDirectories(outputDir);
        Counts counts = new Counts();
        try (EventTimeSorter sorter = new EventTimeSorter(outputDir, sortChunkEvents)) {
            RowConverter converter = format.converterFor(inputs);
            for (Path input : inputs) {
                convertFile(input, converter, sorter, counts);
            }
            // Written aside and moved into place, so a failed import never leaves a half output behind.
            Path partial = output.resolveSibling(output.getFileName() + ".partial");
            try {
                try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    sorter.writeSorted(out);
                }
                Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        ImportResult result = counts.result(format, inputs, testDays);
        Files.write(metaPath(output), new ObjectMapper().writeValueAsBytes(result.meta()));
        return result;
    }

    private void convertFile(Path input, RowConverter converter, EventTimeSorter sorter, Counts counts)
            throws IOException {
        boolean headerPending = converter.header() != null;
        long fileLine = 0;
        try (BufferedReader reader = DatasetFiles.open(input)) {
            String row;
            while ((row = reader.readLine()) != null) {
                fileLine++;
                counts.rows++;
                if (counts.rows % PROGRESS_EVERY_ROWS == 0) {
                    progress.rowsRead(counts.rows, counts.events, counts.skipped);
                }
                if (fileLine == 1 && row.startsWith("\uFEFF")) {
                    row = row.substring(1);
                }
                if (row.isBlank()) {
                    continue;
                }
                if (headerPending) {
                    checkHeader(input, fileLine, row, converter.header());
                    headerPending = false;
                    continue;
                }
                try {
                    ClickEvent event =
                            conforming(converter.convert(row, format.eventIdPrefix() + "-" + counts.rows));
                    // Always an RFC 3339 time with milliseconds, so every line has one shape.
                    sorter.add(event.eventTime(), json.encodeToString(event, EventJson.TimeFormat.RFC_3339));
                    counts.accept(event.eventTime());
                } catch (BadRowException e) {
                    counts.skip(input.getFileName() + ":" + fileLine + ": " + e.getMessage());
                }
            }
        }
    }

    /** Rows the job would dead-letter are skipped here with the contract's reason, so an import replays cleanly. */
    private static ClickEvent conforming(ClickEvent event) throws BadRowException {
        long time = event.eventTime();
        if (time < EventParser.EARLIEST_EVENT_TIME || time >= EventParser.END_OF_EVENT_TIMES) {
            throw new BadRowException("event time " + Instant.ofEpochMilli(time) + " is outside the years 2000-2099");
        }
        requireId("event_id", event.eventId());
        requireId("user_id", event.userId());
        requireId("session_id", event.sessionId());
        requireId("item_id", event.itemId());
        requireId("category_id", event.categoryId());
        requireId("order_id", event.orderId());
        if (event.price() != null && event.price() > EventParser.MAX_PRICE) {
            throw new BadRowException("price " + event.price() + " is above the contract's " + EventParser.MAX_PRICE);
        }
        int quantity = event.quantity();
        if (quantity < 1 || quantity > EventParser.MAX_QUANTITY) {
            throw new BadRowException("quantity " + quantity + " is outside [1, " + EventParser.MAX_QUANTITY + "]");
        }
        return event;
    }

    /** Ids are non-empty and at most {@link EventParser#MAX_ID_LENGTH} code points; null ones are absent. */
    private static void requireId(String field, String id) throws BadRowException {
        if (id != null && (id.isEmpty() || id.codePointCount(0, id.length()) > EventParser.MAX_ID_LENGTH)) {
            throw new BadRowException(field + " is empty or longer than " + EventParser.MAX_ID_LENGTH + " characters");
        }
    }

    private void checkHeader(Path input, long fileLine, String row, String header) throws InvalidInputException {
        // CSV writers differ in whether they quote the header's names.
        if (!row.replace("\"", "").trim().equalsIgnoreCase(header)) {
            throw new InvalidInputException(String.format(
                    "%s:%d: expected the %s header '%s', found '%s'",
                    input, fileLine, format.formatName(), header, quote(row)));
        }
    }

    private static String quote(String row) {
        return row.length() <= MAX_QUOTED_CHARS ? row : row.substring(0, MAX_QUOTED_CHARS) + "…";
    }

    /** Running totals of one import. */
    private static final class Counts {
        long rows;
        long events;
        long skipped;
        long firstEventMs = Long.MAX_VALUE;
        long lastEventMs = Long.MIN_VALUE;
        final List<String> skipReasons = new ArrayList<>();

        void accept(long timeMs) {
            events++;
            firstEventMs = Math.min(firstEventMs, timeMs);
            lastEventMs = Math.max(lastEventMs, timeMs);
        }

        void skip(String reason) {
            skipped++;
            if (skipReasons.size() < MAX_SKIP_REASONS) {
                skipReasons.add(quote(reason));
            }
        }

        ImportResult result(ImportFormat format, List<Path> inputs, int testDays) {
            String source = inputs.stream().map(Path::toString).collect(Collectors.joining(","));
            if (events == 0) {
                return new ImportResult(format, source, 0, skipped, skipReasons, null, null, null);
            }
            return new ImportResult(format, source, events, skipped, skipReasons, firstEventMs, lastEventMs,
                    testStartMs(lastEventMs, testDays));
        }
    }
}
