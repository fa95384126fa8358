package dev.funnelflow.event;

/**
 * Where and when a raw record was read: a Kafka topic partition and offset, or a file and byte offset.
 *
 * @param readAt wall-clock epoch ms at which the source read the record (where the job's latency starts), 0 when
 *     unknown
 */
public record RecordOrigin(String topic, int partition, long offset, long readAt) {

    /** An origin whose read time is unknown (built outside a source). */
    public RecordOrigin(String topic, int partition, long offset) {
        this(topic, partition, offset, 0);
    }
}
