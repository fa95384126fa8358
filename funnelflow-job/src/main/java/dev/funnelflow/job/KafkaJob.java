package dev.funnelflow.job;

import dev.funnelflow.config.JobSettings;
import dev.funnelflow.io.KafkaIO;
import dev.funnelflow.io.KafkaOptions;
import dev.funnelflow.io.KafkaTopicsAdmin;
import dev.funnelflow.io.Topic;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The clickstream job on Kafka: the production wiring used by the cluster entry point, {@code demo} and {@code bench}. */
public final class KafkaJob {

    private KafkaJob() {}

    public static void define(StreamExecutionEnvironment env, Configuration config) {
        JobSettings settings = JobSettings.from(config);
        // A missing source topic makes Flink restart forever instead of failing: check before submitting.
        Properties client = KafkaIO.clientProperties(config);
        client.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        KafkaTopicsAdmin.requireTopics(client, Stream.of(Topic.values()).map(Topic::topicName).toList());
        ClickstreamJob.define(env, settings, KafkaIO.clickstreamSource(config, settings.parser()),
                KafkaIO.controlSource(config), KafkaIO.sinks(config));
    }
}
