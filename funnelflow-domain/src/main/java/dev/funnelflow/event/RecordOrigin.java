package dev.funnelflow.event;

/**
 * Where and when a raw record was read: a Kafka topic partition and offset, or a file and byte offset.
 *
 * @param readAt wall-clock epoch ms at which the source read the record (where the job's latency starts), 0 when
 *     unknown
 * @param appendedAt the Kafka record's timestamp (epoch ms, create or append time as the topic is configured),
 *     negative when the source has none (files, Kafka's {@code NO_TIMESTAMP}); bounds how far ahead an event time
 *     may be
 */
public record RecordOrigin(String topic, int partition, long offset, long readAt, long appendedAt) {

    /** Kafka's {@code RecordBatch.NO_TIMESTAMP}. */
    public static final long NO_TIMESTAMP = -1;

    /** An origin without a record timestamp, e.g. a line of a file. */
    public RecordOrigin(String topic, int partition, long offset, long readAt) {
        this(topic, partition, offset, readAt, NO_TIMESTAMP);
    }

    /** An origin whose read time is unknown (built outside a source). */
    public RecordOrigin(String topic, int partition, long offset) {
        this(topic, partition, offset, 0);
    }
}
