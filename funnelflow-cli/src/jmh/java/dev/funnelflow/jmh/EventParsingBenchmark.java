package dev.funnelflow.jmh;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/** Parse + validate of one raw clickstream record, as the source does for every record (malformed ones included). */
public class EventParsingBenchmark extends HotPathBenchmark {

    private static final RecordOrigin ORIGIN = new RecordOrigin("clickstream", 0, 0);

    private EventParser parser;
    private Cycle<byte[]> records;

    @Setup
    public void setUp() {
        Traffic traffic = Traffic.get();
        parser = Traffic.SETTINGS.parser();
        records = new Cycle<>(traffic.records);
    }

    @Benchmark
    public Ingested parseRecord() {
        return parser.parse(records.next(), ORIGIN);
    }
}
