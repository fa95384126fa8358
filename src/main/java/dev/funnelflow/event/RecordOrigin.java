package dev.funnelflow.event;

/** Where a raw record was read: a Kafka topic partition and offset, or a file and byte offset. */
public record RecordOrigin(String topic, int partition, long offset) {}
