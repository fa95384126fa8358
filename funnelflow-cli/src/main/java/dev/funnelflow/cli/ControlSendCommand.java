package dev.funnelflow.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnelflow.control.CommandSigner;
import dev.funnelflow.io.Topic;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code control send}: signs a command and produces it to {@code control}, keyed by its subject. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Signs one control command as 'control sign' does and produces it to the control topic, keyed by its"
                    + " subject (rule_id, model_name or user_id), waiting for every in-sync replica.",
            "Prints one JSON object: command_id, key, partition, offset."
        })
public final class ControlSendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ControlSigning signing;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT,...",
            description = "Kafka brokers.")
    private String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties (e.g. the operator principal's SASL/TLS login), as for Kafka's"
                    + " own tools.")
    private Path clientConfig;

    @Override
    public Integer call() throws IOException, InterruptedException {
        ObjectNode command = signing.signed(spec, System.in);
        String key = CommandSigner.key(command);
        RecordMetadata written;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            written = producer.send(new ProducerRecord<>(Topic.CONTROL.topicName(), key.getBytes(StandardCharsets.UTF_8),
                    CommandSigner.toJson(command).getBytes(StandardCharsets.UTF_8))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the control topic refused the command: " + e.getCause().getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(JsonNodeFactory.instance.objectNode()
                .put("command_id", command.get("command_id").asText())
                .put("key", key)
                .put("partition", written.partition())
                .put("offset", written.offset()));
        out.flush();
        return 0;
    }

    private Properties properties() throws IOException {
        Properties properties = new Properties();
        if (clientConfig != null) {
            Cli.requireFile(spec, clientConfig, "--command-config");
            try (InputStream in = Files.newInputStream(clientConfig)) {
                properties.load(in);
            }
        }
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Fail within a minute rather than hang when the brokers are unreachable or the principal may not write.
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        return properties;
    }
}
