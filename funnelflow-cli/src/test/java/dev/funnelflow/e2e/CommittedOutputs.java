package dev.funnelflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelflow.io.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** A storefront's view of the job's outputs: committed records only, accumulated across polls. */
final class CommittedOutputs implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> recommendations = new ArrayList<>();
    final List<JsonNode> deadLetters = new ArrayList<>();
    final List<JsonNode> alerts = new ArrayList<>();
    final List<JsonNode> trainingExamples = new ArrayList<>();
    final List<String> rawRecommendations = new ArrayList<>();
    final List<String> rawDeadLetters = new ArrayList<>();
    /** Recommendations as {@code key<TAB>value}, the way kcat prints them. */
    final List<String> keyedRecommendations = new ArrayList<>();
    private final KafkaConsumer<byte[], byte[]> consumer;

    CommittedOutputs(String bootstrap) {
        this(bootstrap, Map.of());
    }

    /** @param clientProperties client settings besides the bootstrap servers, e.g. a SASL login */
    CommittedOutputs(String bootstrap, Map<String, String> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topic.RECOMMENDATIONS.topicName(), Topic.DEAD_LETTER.topicName(),
                Topic.ALERTS.topicName(), Topic.TRAINING_EXAMPLES.topicName()));
    }

    void poll() throws Exception {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            if (record.topic().equals(Topic.RECOMMENDATIONS.topicName())) {
                recommendations.add(JSON.readTree(json));
                rawRecommendations.add(json);
                keyedRecommendations.add(new String(record.key(), StandardCharsets.UTF_8) + "\t" + json);
            } else if (record.topic().equals(Topic.ALERTS.topicName())) {
                alerts.add(JSON.readTree(json));
            } else if (record.topic().equals(Topic.TRAINING_EXAMPLES.topicName())) {
                trainingExamples.add(JSON.readTree(json));
            } else {
                deadLetters.add(JSON.readTree(json));
                rawDeadLetters.add(json);
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
