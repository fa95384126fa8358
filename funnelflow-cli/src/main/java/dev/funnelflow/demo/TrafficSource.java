package dev.funnelflow.demo;

/** Clickstream records for the demo's producer: a generator or an imported events file. */
interface TrafficSource extends AutoCloseable {

    /** The next record, or null when the source is exhausted. */
    Record next() throws Exception;

    /** One record with its Kafka key (the user id; null when the record is too broken to say). */
    record Record(byte[] key, byte[] value) {}

    @Override
    default void close() throws Exception {}
}
