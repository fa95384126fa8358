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

    /** Offsets read at either end of a run for its first and last record (commit markers sit among them). */
    private static final int EDGE = 64;
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
                first = Math.min(first, appendTimes(partition, start, Math.min(end, start + EDGE))[0]);
                last = Math.max(last, appendTimes(partition, Math.max(start, end - EDGE), end)[1]);
            }
        }
        return first <= last ? Duration.ofMillis(last - first) : Duration.ZERO;
    }

    /** The earliest and latest append time of the records from offset {@code from} until {@code until}. */
    private long[] appendTimes(TopicPartition partition, long from, long until) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < until && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                range[0] = Math.min(range[0], record.timestamp());
                range[1] = Math.max(range[1], record.timestamp());
            }
        }
        return range;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
