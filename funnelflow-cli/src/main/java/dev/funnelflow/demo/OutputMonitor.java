package dev.funnelflow.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the job's output topics as a storefront would (committed records only) and keeps what the demo shows:
 * records per topic, dead letters per error code, the latest recommendation and the alerts not shown yet.
 */
final class OutputMonitor implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, AtomicLong> perTopic = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLetterErrors = new ConcurrentHashMap<>();
    private final String recommendationsTopic;
    private final String deadLetterTopic;
    private final String alertsTopic;
    private final Queue<JsonNode> unshownAlerts = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile JsonNode latestRecommendation;
    private volatile boolean running = true;

    OutputMonitor(String bootstrapServers, Collection<String> topics, String recommendationsTopic,
                  String deadLetterTopic, String alertsTopic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "funnelflow-demo-monitor-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        this.recommendationsTopic = recommendationsTopic;
        this.deadLetterTopic = deadLetterTopic;
        this.alertsTopic = alertsTopic;
        this.thread = new Thread(this::run, "demo-monitor");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long count(String topic) {
        AtomicLong count = perTopic.get(topic);
        return count == null ? 0 : count.get();
    }

    Map<String, Long> deadLetterErrors() {
        Map<String, Long> copy = new TreeMap<>();
        deadLetterErrors.forEach((error, count) -> copy.put(error, count.get()));
        return copy;
    }

    JsonNode latestRecommendation() {
        return latestRecommendation;
    }

    /** The alerts read since the last call, oldest first. */
    List<JsonNode> takeAlerts() {
        List<JsonNode> alerts = new ArrayList<>();
        for (JsonNode alert; (alert = unshownAlerts.poll()) != null; ) {
            alerts.add(alert);
        }
        return alerts;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    perTopic.computeIfAbsent(record.topic(), t -> new AtomicLong()).incrementAndGet();
                    if (record.topic().equals(recommendationsTopic)) {
                        latestRecommendation = parse(record.value());
                    } else if (record.topic().equals(deadLetterTopic)) {
                        JsonNode letter = parse(record.value());
                        String error = letter == null ? "unreadable" : letter.path("error").asText("unreadable");
                        deadLetterErrors.computeIfAbsent(error, e -> new AtomicLong()).incrementAndGet();
                    } else if (record.topic().equals(alertsTopic)) {
                        JsonNode alert = parse(record.value());
                        if (alert != null) {
                            unshownAlerts.add(alert);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
