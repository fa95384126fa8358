package dev.funnelflow.jmh;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Parse + validate of one raw clickstream record, as the source does for every record (malformed ones included). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventParsingBenchmark {

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
