package dev.funnelflow.importer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Stable sort of JSON lines by event time that does not need the whole dataset in memory (Taobao has 10^8
 * rows): chunks of {@code chunkEvents} lines are sorted in memory and spilled to temporary files, which are
 * then merged. Ties keep input order: each chunk is sorted stably, and the merge prefers the earlier chunk.
 */
final class EventTimeSorter implements Closeable {
    static final int DEFAULT_CHUNK_EVENTS = 500_000;

    private record Line(long timeMs, String json) {
    }

    private final Path spillParent;
    private final int chunkEvents;
    private final List<Line> chunk = new ArrayList<>();
    private final List<Path> spills = new ArrayList<>();
    private Path spillDir;

    /** Spill files go into a temporary directory under {@code spillParent} (next to the output: room to spare). */
    EventTimeSorter(Path spillParent, int chunkEvents) {
        if (chunkEvents < 1) {
            throw new IllegalArgumentException("chunkEvents must be >= 1");
        }
        this.spillParent = spillParent;
        this.chunkEvents = chunkEvents;
    }

    void add(long timeMs, String json) throws IOException {
        chunk.add(new Line(timeMs, json));
        if (chunk.size() >= chunkEvents) {
            spill();
        }
    }

    /** Writes all lines, sorted, one per line. Call once. */
    void writeSorted(Writer out) throws IOException {
        if (spills.isEmpty()) {
            sortChunk();
            for (Line line : chunk) {
                out.write(line.json());
                out.write('\n');
            }
            chunk.clear();
            return;
        }
        if (!chunk.isEmpty()) {
            spill();
        }
        merge(out);
    }

    private void sortChunk() {
        chunk.sort(Comparator.comparingLong(Line::timeMs)); // List.sort is stable
    }

    private void spill() throws IOException {
        sortChunk();
        if (spillDir == null) {
            spillDir = Files.createTempDirectory(spillParent, ".import-sort-");
        }
        Path file = spillDir.resolve("chunk-" + spills.size());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Line line : chunk) {
                // JSON escapes tabs inside strings, so the first tab ends the time.
                out.write(Long.toString(line.timeMs()));
                out.write('\t');
                out.write(line.json());
                out.write('\n');
            }
        }
        spills.add(file);
        chunk.clear();
    }

    private void merge(Writer out) throws IOException {
        List<SpillCursor> cursors = new ArrayList<>();
        try {
            PriorityQueue<SpillCursor> queue = new PriorityQueue<>(
                    Comparator.comparingLong(SpillCursor::timeMs).thenComparingInt(SpillCursor::chunkIndex));
            for (int i = 0; i < spills.size(); i++) {
                SpillCursor cursor = new SpillCursor(i, Files.newBufferedReader(spills.get(i), StandardCharsets.UTF_8));
                cursors.add(cursor);
                if (cursor.advance()) {
                    queue.add(cursor);
                }
            }
            while (!queue.isEmpty()) {
                SpillCursor next = queue.poll();
                out.write(next.json());
                out.write('\n');
                if (next.advance()) {
                    queue.add(next);
                }
            }
        } finally {
            for (SpillCursor cursor : cursors) {
                cursor.reader().close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (spillDir == null) {
            return;
        }
        for (Path file : spills) {
            Files.deleteIfExists(file);
        }
        Files.deleteIfExists(spillDir);
    }

    /** The current line of one spill file. */
    private static final class SpillCursor {
        private final int chunkIndex;
        private final BufferedReader reader;
        private long timeMs;
        private String json;

        SpillCursor(int chunkIndex, BufferedReader reader) {
            this.chunkIndex = chunkIndex;
            this.reader = reader;
        }

        boolean advance() throws IOException {
            String line = reader.readLine();
            if (line == null) {
                return false;
            }
            int tab = line.indexOf('\t');
            timeMs = Long.parseLong(line, 0, tab, 10);
            json = line.substring(tab + 1);
            return true;
        }

        int chunkIndex() {
            return chunkIndex;
        }

        long timeMs() {
            return timeMs;
        }

        String json() {
            return json;
        }

        BufferedReader reader() {
            return reader;
        }
    }
}
