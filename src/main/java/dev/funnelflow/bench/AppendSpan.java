package dev.funnelflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How long a job took to write its output, from the broker's LogAppendTime stamps on a topic: the span from the
 * first to the last record appended since {@link #mark}. A rate over that span leaves out the job's deployment and
 * final checkpoint, which weigh on short runs (the pass-through's 100,000 events take about 5 s, a second of which
 * is neither reading nor writing).
 */
final class AppendSpan implements AutoCloseable {

    /** How far before a partition's end to start looking for its last record (commit markers sit in between). */
    private static final int TAIL = 64;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private Map<TopicPartition, Long> marked;

    AppendSpan(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-span-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** Remembers where each partition ends now: the next run's records come after. */
    void mark() {
        marked = consumer.endOffsets(partitions);
    }

    /** First to last append time of the records written since {@link #mark}; zero if there are none. */
    Duration sinceMark() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (TopicPartition partition : partitions) {
            long start = marked.get(partition);
            long end = ends.get(partition);
            if (end > start) {
                first = Math.min(first, firstTimestamp(partition, start, end));
                last = Math.max(last, lastTimestamp(partition, Math.max(start, end - TAIL), end));
            }
        }
        return first <= last ? Duration.ofMillis(last - first) : Duration.ZERO;
    }

    private long firstTimestamp(TopicPartition partition, long from, long end) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                return record.timestamp();
            }
        }
        return Long.MAX_VALUE;
    }

    private long lastTimestamp(TopicPartition partition, long from, long end) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long latest = Long.MIN_VALUE;
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                latest = Math.max(latest, record.timestamp());
            }
        }
        return latest;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
