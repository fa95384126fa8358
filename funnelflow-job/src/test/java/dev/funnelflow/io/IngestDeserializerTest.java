package dev.funnelflow.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class IngestDeserializerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final IngestDeserializer deserializer = new IngestDeserializer(
            new EventParser(1024, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void theRecordTimestampBoundsHowFarAheadAnEventMayBe() {
        long appended = NOW.minus(Duration.ofDays(30)).toEpochMilli();
        String event = "{\"event_id\":\"e\",\"event_time\":\"%s\",\"user_id\":\"u\",\"type\":\"login\"}";

        Ingested withinSkew = deserialize(event.formatted("2025-12-02T01:00:00Z"), appended);
        Ingested beyondSkew = deserialize(event.formatted("2025-12-02T01:00:01Z"), appended);

        assertThat(withinSkew.event().origin().appendedAt()).isEqualTo(appended);
        assertThat(withinSkew.event().origin().offset()).isEqualTo(7);
        assertThat(beyondSkew.rejected().error()).isEqualTo("future_event");
        assertThat(beyondSkew.rejected().detail()).contains("2025-12-02T00:00:00Z", "record's timestamp");
    }

    @Test
    void anEmptyValueIsAnEmptyRecord() {
        assertThat(deserialize("", NOW.toEpochMilli()).rejected().error()).isEqualTo("empty_record");
    }

    private Ingested deserialize(String value, long timestamp) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("clickstream", 2, 7, timestamp,
                TimestampType.LOG_APPEND_TIME, 1, value.length(), "u".getBytes(UTF_8), value.getBytes(UTF_8),
                new RecordHeaders(), Optional.empty());
        List<Ingested> out = new ArrayList<>();
        deserializer.deserialize(record, new Collector<>() {
            @Override
            public void collect(Ingested ingested) {
                out.add(ingested);
            }

            @Override
            public void close() {
            }
        });
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
