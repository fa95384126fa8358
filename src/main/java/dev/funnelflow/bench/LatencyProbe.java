package dev.funnelflow.bench;

import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratedRecord;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.job.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Offers generated traffic at a fixed rate and times each event from its send to the moment its recommendation
 * is appended to the {@code recommendations} topic (the topic uses LogAppendTime, so the broker stamps it).
 * Reads uncommitted: with exactly-once sinks a read_committed consumer sees the same records up to one
 * checkpoint interval later.
 */
final class LatencyProbe {

    private final String bootstrap;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    LatencyProbe(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Sends at {@code rate} for {@code warmUp + measured}, then collects latencies of events sent in the measured part. */
    Result run(double rate, Duration warmUp, Duration measured, long seed) throws Exception {
        long[] latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, rate * measured.toSeconds() * 2 + 1024)];
        int[] count = {0};
        Thread consumer = new Thread(() -> consume(latencies, count), "bench-latency-consumer");
        consumer.setDaemon(true);
        consumer.start();
        long sent = produce(rate, warmUp, measured, seed);
        Thread.sleep(3_000); // let the last events drain through the pipeline
        if (this.consumer != null) {
            this.consumer.wakeup();
        }
        consumer.join(10_000);
        long[] samples = new long[count[0]];
        System.arraycopy(latencies, 0, samples, 0, count[0]);
        return new Result(rate, sent, Percentiles.of(samples));
    }

    record Result(double offeredEps, long measuredEvents, Percentiles latencyMs) {}

    private long produce(double rate, Duration warmUp, Duration measured, long seed) throws InterruptedException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        ClickstreamGenerator generator = new ClickstreamGenerator(GeneratorSettings.defaults().withSeed(seed)
                .withEvents(Long.MAX_VALUE).withStartEpochMs(System.currentTimeMillis()).withEventsPerSecond(rate));
        long measuredSent = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long measureFrom = start + warmUp.toNanos();
            long end = measureFrom + measured.toNanos();
            long sent = 0;
            while (System.nanoTime() < end) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < due) {
                    GeneratedRecord record = generator.next();
                    long now = System.nanoTime();
                    String eventId = eventId(record.value());
                    if (now >= measureFrom && eventId != null) {
                        sentAt.put(eventId, System.currentTimeMillis());
                        measuredSent++;
                    }
                    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(Topic.CLICKSTREAM.topicName(), key, record.value()));
                    sent++;
                }
                Thread.sleep(1); // pacing
            }
        }
        return measuredSent;
    }

    private void consume(long[] latencies, int[] count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            this.consumer = consumer;
            consumer.subscribe(List.of(Topic.RECOMMENDATIONS.topicName()));
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Long sent = sentAt.remove(field(record.value(), "\"trigger_event_id\":\""));
                    if (sent != null && count[0] < latencies.length) {
                        latencies[count[0]++] = record.timestamp() - sent;
                    }
                }
            }
        } catch (WakeupException e) {
            // measurement over
        }
    }

    private static String eventId(byte[] value) {
        return field(value, "\"event_id\":\"");
    }

    /** A string field's value by plain search: good enough for our own compact JSON, and cheap at 20K/s. */
    private static String field(byte[] json, String prefix) {
        String text = new String(json, StandardCharsets.UTF_8);
        int start = text.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = text.indexOf('"', start);
        return end < 0 ? null : text.substring(start, end);
    }
}
