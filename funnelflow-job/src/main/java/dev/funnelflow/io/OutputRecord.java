package dev.funnelflow.io;

/** One record for an output topic, already encoded: the same bytes go to Kafka or to a replay file. */
public record OutputRecord(byte[] key, byte[] value) {}
