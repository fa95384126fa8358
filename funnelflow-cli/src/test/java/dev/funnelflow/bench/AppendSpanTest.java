package dev.funnelflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.kafka.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class AppendSpanTest {

    private static final String TOPIC = "stamped";

    @Test
    void spansTheAppendTimesOfTheRecordsWrittenSinceTheMark() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)
                        .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
            }
            try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
                 AppendSpan span = new AppendSpan(bootstrap, TOPIC)) {
                write(producer, 5);
                span.mark();
                assertThat(span.sinceMark()).isZero();

                List<Long> stamps = write(producer, 40);
                long first = stamps.stream().mapToLong(Long::longValue).min().orElseThrow();
                long last = stamps.stream().mapToLong(Long::longValue).max().orElseThrow();
                assertThat(span.sinceMark()).isEqualTo(Duration.ofMillis(last - first));
            }
        }
    }

    /** Writes one record at a time to alternating partitions; returns the broker's append times. */
    private static List<Long> write(KafkaProducer<byte[], byte[]> producer, int count) throws Exception {
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(TOPIC, i % 2, null,
                    ("r" + i).getBytes(StandardCharsets.UTF_8))).get();
            stamps.add(sent.timestamp());
        }
        return stamps;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
