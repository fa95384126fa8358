package dev.funnelflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.ClickEvent;
import dev.funnelflow.event.EventJson;
import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.EventType;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator builds, it writes with the one encoder, and the job's parser reads back the same event. */
class GeneratorRoundTripTest {

    private static final RecordOrigin ORIGIN = new RecordOrigin("clickstream", 0, 0);
    /** The generator's traffic starts in 2026 by default; the clock sits after it. */
    private static final EventParser PARSER = new EventParser(DefectKind.MAX_RECORD_BYTES, Duration.ofMinutes(1),
            Clock.fixed(Instant.parse("2099-01-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void everyGoodRecordParsesToTheEventItWasMadeFromAndEveryDefectIsRejected() {
        ClickstreamGenerator generator = new ClickstreamGenerator(
                GeneratorSettings.defaults().withSeed(11).withMalformedShare(0.02).withDuplicateShare(0.01));
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        int[] seen = new int[6]; // iso times, epoch times, without session, with rec_id, card payments, other payments
        for (int i = 0; i < 40_000; i++) {
            GeneratedRecord record = generator.next();
            Ingested parsed = PARSER.parse(record.value(), ORIGIN);
            if (!record.isGood()) {
                boolean duplicate = record.injectedDefect().equals(DefectKind.DUPLICATE.code());
                assertThat(parsed.isAccepted()).as(record.toString()).isEqualTo(duplicate);
                continue;
            }
            ClickEvent built = generator.lastEvent();
            assertThat(parsed.rejected()).as(record.toString()).isNull();
            assertThat(parsed.event()).usingRecursiveComparison().ignoringFields("origin").isEqualTo(built);
            assertThat(record.key()).isEqualTo(built.userId());
            types.add(built.type());
            seen[record.valueAsString().contains("\"event_time\":\"") ? 0 : 1]++;
            seen[2] += built.sessionId() == null ? 1 : 0;
            seen[3] += built.recId() != null ? 1 : 0;
            if (built.payment() != null) {
                seen[built.payment().cardFingerprint() != null ? 4 : 5]++;
            }
        }
        assertThat(types).containsExactlyInAnyOrder(EventType.values());
        assertThat(seen).as("iso, epoch, no session, rec_id, card, other payment").doesNotContain(0);
    }

    @Test
    void attackEventsAreWrittenByTheSameEncoder(@TempDir Path dir) throws IOException {
        GeneratorSettings settings = GeneratorSettings.defaults().withUsers(2_000).withMalformedShare(0)
                .withDuplicateShare(0);
        Path events = dir.resolve("events.jsonl");
        new ScenarioInjector(5).write(new ClickstreamGenerator(settings), 2_000, 2, events, dir.resolve("labels.csv"));

        List<String> attacks = Files.readAllLines(events).stream().filter(line -> line.contains("\"atk-")).toList();
        EventJson json = new EventJson();
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String line : attacks) {
            Ingested parsed = PARSER.parse(line.getBytes(StandardCharsets.UTF_8), ORIGIN);
            assertThat(parsed.rejected()).as(line).isNull();
            assertThat(json.encodeToString(parsed.event(), EventJson.TimeFormat.EPOCH_MILLIS)).isEqualTo(line);
            types.add(parsed.event().type());
        }
        assertThat(types).containsExactlyInAnyOrder(EventType.VIEW, EventType.PURCHASE, EventType.LOGIN,
                EventType.SIGNUP);
    }
}
