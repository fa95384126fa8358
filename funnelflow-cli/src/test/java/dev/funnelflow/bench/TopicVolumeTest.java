package dev.funnelflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnelflow.kafka.EmbeddedKafka;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class TopicVolumeTest {

    private static final int VALUE_BYTES = 1_000;

    @Test
    void countsWhatEachTopicGrewBySinceTheSnapshotBefore() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("written", 2, (short) 1), new NewTopic("idle", 2, (short) 1)))
                    .all().get();
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
                write(producer, 7);
                TopicVolume before = TopicVolume.of(admin, List.of("written", "idle"));
                write(producer, 30);

                TopicVolume written = TopicVolume.of(admin, List.of("written", "idle")).since(before);

                assertThat(written.offsets()).containsExactly(Map.entry("written", 30L), Map.entry("idle", 0L));
                // Each record's value plus its share of the batch headers, uncompressed.
                assertThat(written.bytes().get("written")).isBetween(30L * VALUE_BYTES, 30L * (VALUE_BYTES + 100));
                assertThat(written.bytes().get("idle")).isZero();
                assertThat(written.totalBytes()).isEqualTo(written.bytes().get("written"));
            }
        }
    }

    private static void write(KafkaProducer<byte[], byte[]> producer, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>("written", i % 2, null, new byte[VALUE_BYTES])).get();
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
