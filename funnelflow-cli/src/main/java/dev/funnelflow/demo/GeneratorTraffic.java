package dev.funnelflow.demo;

import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratedRecord;
import java.nio.charset.StandardCharsets;

/** Endless generated traffic whose event times follow the wall clock at the demo's rate. */
final class GeneratorTraffic implements TrafficSource {

    private final ClickstreamGenerator generator;

    GeneratorTraffic(ClickstreamGenerator generator) {
        this.generator = generator;
    }

    @Override
    public Record next() {
        GeneratedRecord record = generator.next();
        return new Record(record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), record.value());
    }
}
