package dev.funnelflow.demo;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds a {@link TrafficSource} into a topic at a steady rate on its own thread, like a live storefront. */
final class PacedProducer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PacedProducer.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final TrafficSource traffic;
    private final String topic;
    private final double eventsPerSecond;
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean exhausted;

    PacedProducer(String bootstrapServers, String topic, TrafficSource traffic, double eventsPerSecond) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.traffic = traffic;
        this.topic = topic;
        this.eventsPerSecond = eventsPerSecond;
        this.thread = new Thread(this::run, "demo-traffic");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long sent() {
        return sent.get();
    }

    boolean exhausted() {
        return exhausted;
    }

    private void run() {
        long started = System.nanoTime();
        try {
            while (running) {
                long due = (long) ((System.nanoTime() - started) / 1e9 * eventsPerSecond);
                while (running && sent.get() < due) {
                    TrafficSource.Record record = traffic.next();
                    if (record == null) {
                        exhausted = true;
                        producer.flush();
                        return;
                    }
                    producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
                    sent.incrementAndGet();
                }
                Thread.sleep(5); // pacing, not waiting for a condition
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("demo traffic stopped: {}", e.toString());
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5_000);
        producer.close();
        traffic.close();
    }
}
