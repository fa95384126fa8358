package dev.funnelflow.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.DeadLetter;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesFormatTest {

    private static final String LOGIN =
            "{\"event_id\":\"e%d\",\"event_time\":1767000000000,\"user_id\":\"u\",\"type\":\"login\"}";
    private static final EventParser PARSER = new EventParser(1024, Duration.ofDays(1),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void blankLinesAreDeadLetteredWithTheirByteOffsetLikeEmptyKafkaRecords(@TempDir Path dir) throws IOException {
        String first = LOGIN.formatted(1);
        String second = LOGIN.formatted(2);
        // A blank line, a whitespace-only line with a CRLF ending, and a final line ending that starts no line.
        Path file = Files.writeString(dir.resolve("events.jsonl"), first + "\n\n \t\r\n" + second + "\n");

        List<Ingested> records = readAll(file);

        assertThat(records).hasSize(4);
        assertThat(records.get(0).event().eventId()).isEqualTo("e1");
        assertThat(records.get(3).event().eventId()).isEqualTo("e2");
        DeadLetter blank = records.get(1).rejected();
        DeadLetter whitespace = records.get(2).rejected();
        assertThat(List.of(blank.error(), whitespace.error())).containsOnly("empty_record");
        assertThat(blank.sourceTopic()).isEqualTo("events.jsonl");
        assertThat(blank.offset()).isEqualTo(first.length() + 1);
        assertThat(whitespace.offset()).isEqualTo(first.length() + 2);
        assertThat(whitespace.raw()).isEqualTo(" \t");
        assertThat(records.get(3).event().origin().offset()).isEqualTo(first.length() + 6);
    }

    @Test
    void lineReaderKeepsEmptyLinesAndStripsCrLf() throws IOException {
        try (LineReader lines = new LineReader(new ByteArrayInputStream("a\r\n\r\n\nb".getBytes(UTF_8)))) {
            List<String> read = new ArrayList<>();
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                read.add(new String(line, UTF_8) + "@" + lines.lineStart());
            }
            assertThat(read).containsExactly("a@0", "@3", "@5", "b@6");
        }
    }

    private static List<Ingested> readAll(Path file) throws IOException {
        JsonLinesFormat format = new JsonLinesFormat(PARSER, "events.jsonl");
        List<Ingested> records = new ArrayList<>();
        try (StreamFormat.Reader<Ingested> reader =
                format.createReader(new Configuration(), new LocalDataInputStream(file.toFile()))) {
            for (Ingested record = reader.read(); record != null; record = reader.read()) {
                records.add(record);
            }
        }
        return records;
    }
}
