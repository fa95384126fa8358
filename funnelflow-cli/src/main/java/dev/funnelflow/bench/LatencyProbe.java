package dev.funnelflow.bench;

import dev.funnelflow.generator.ClickstreamGenerator;
import dev.funnelflow.generator.GeneratedRecord;
import dev.funnelflow.generator.GeneratorSettings;
import dev.funnelflow.io.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
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
 * is appended to the {@code recommendations} topic (the topic uses LogAppendTime, so the broker stamps it). The
 * recommendation's {@code emitted_at} (stamped by the ranking operator) splits that time into the part before
 * ranking (source, shuffles, state) and the part after it (encoding, the sink's producer, the broker).
 * Two records in every {@link #ATTACK_EVERY} are a fraud attempt instead ({@link InstantPurchase}: a new account
 * signs up and buys at once), timed from the purchase's send to its alert's append to {@code alerts}. Reads uncommitted:
 * with exactly-once sinks a read_committed consumer sees the same records up to one checkpoint interval later.
 */
final class LatencyProbe {

    /** Of every this many offered records, two are an instant purchase (signup, then purchase). */
    static final int ATTACK_EVERY = 100;

    private final String bootstrap;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> purchaseSentAt = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    LatencyProbe(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Sends at {@code rate} for {@code warmUp + measured}, then collects latencies of events (and instant
     * purchases) sent in the measured part.
     */
    Result run(double rate, Duration warmUp, Duration measured, long seed) throws Exception {
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, rate * measured.toSeconds() * 2 + 1024);
        Samples recommendations = new Samples(capacity);
        Samples ranked = new Samples(capacity);
        Samples alerts = new Samples(capacity / ATTACK_EVERY + 1024);
        Thread consumer = new Thread(() -> consume(recommendations, ranked, alerts), "bench-latency-consumer");
        consumer.setDaemon(true);
        consumer.start();
        long sent = produce(rate, warmUp, measured, seed);
        Thread.sleep(3_000); // let the last events drain through the pipeline
        if (this.consumer != null) {
            this.consumer.wakeup();
        }
        consumer.join(10_000);
        return new Result(rate, sent, recommendations.percentiles(), ranked.percentiles(), alerts.percentiles());
    }

    /** Percentiles of: event to recommendation appended; event to recommendation ranked; purchase to alert appended. */
    record Result(double offeredEps, long measuredEvents, Percentiles latencyMs, Percentiles rankedLatencyMs,
                  Percentiles alertLatencyMs) {}

    /** Latencies in milliseconds, filled by the consumer thread and read after it ended. */
    private static final class Samples {
        private final long[] values;
        private int count;

        Samples(int capacity) {
            values = new long[capacity];
        }

        void add(long value) {
            if (count < values.length) {
                values[count++] = value;
            }
        }

        Percentiles percentiles() {
            return Percentiles.of(Arrays.copyOf(values, count));
        }
    }

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
                    boolean measuring = System.nanoTime() >= measureFrom;
                    if (sent % ATTACK_EVERY == ATTACK_EVERY - 1) {
                        InstantPurchase attack = new InstantPurchase("bench-attacker-" + sent, System.currentTimeMillis());
                        producer.send(record(attack.user(), attack.signup()));
                        if (measuring) {
                            purchaseSentAt.put(attack.purchaseEventId(), System.currentTimeMillis());
                        }
                        producer.send(record(attack.user(), attack.purchase()));
                        sent += 2;
                        continue;
                    }
                    GeneratedRecord record = generator.next();
                    String eventId = eventId(record.value());
                    if (measuring && eventId != null) {
                        sentAt.put(eventId, System.currentTimeMillis());
                        measuredSent++;
                    }
                    producer.send(record(record.key(), record.value()));
                    sent++;
                }
                Thread.sleep(1); // pacing
            }
        }
        return measuredSent;
    }

    private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Topic.CLICKSTREAM.topicName(),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }

    private void consume(Samples recommendations, Samples ranked, Samples alerts) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            this.consumer = consumer;
            consumer.subscribe(List.of(Topic.RECOMMENDATIONS.topicName(), Topic.ALERTS.topicName()));
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    String json = new String(record.value(), StandardCharsets.UTF_8);
                    if (record.topic().equals(Topic.ALERTS.topicName())) {
                        Long sent = purchaseSentAt.remove(field(json, "\"evidence_event_ids\":[\""));
                        if (sent != null) {
                            alerts.add(record.timestamp() - sent);
                        }
                        continue;
                    }
                    Long sent = sentAt.remove(field(json, "\"trigger_event_id\":\""));
                    if (sent != null) {
                        recommendations.add(record.timestamp() - sent);
                        ranked.add(Instant.parse(field(json, "\"emitted_at\":\"")).toEpochMilli() - sent);
                    }
                }
            }
        } catch (WakeupException e) {
            // measurement over
        }
    }

    private static String eventId(byte[] value) {
        return field(new String(value, StandardCharsets.UTF_8), "\"event_id\":\"");
    }

    /** A string field's value by plain search: good enough for our own compact JSON, and cheap at 20K/s. */
    private static String field(String json, String prefix) {
        int start = json.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }
}
