package dev.funnelflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates documents against the topic contracts in {@code schemas/<topic>.schema.json}.
 *
 * <p>Schemas are read from the project directory (Maven runs tests with the project root as working
 * directory), so a test always checks the very files other tools are written against. Format keywords
 * ({@code date-time}) are asserted, not just annotated, and a document must be exactly one JSON value
 * without duplicate keys.
 */
public final class TopicSchemas {

    /** Every topic of DESIGN.md §3, in contract order. */
    public static final List<String> TOPICS = List.of(
            "clickstream", "recommendations", "alerts", "demand-forecasts", "training-examples", "dead-letter",
            "control");

    private static final Path SCHEMA_DIR = Path.of("schemas");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private TopicSchemas() {
    }

    /** Path of a topic's schema file, relative to the project root. */
    public static Path schemaFile(String topic) {
        return SCHEMA_DIR.resolve(topic + ".schema.json");
    }

    /** The parsed schema file of a topic, as a JSON tree. */
    public static JsonNode schemaTree(String topic) {
        try {
            return JSON.readTree(Files.readString(schemaFile(topic)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema of topic " + topic, e);
        }
    }

    /**
     * Contract violations of one document, empty when it is valid. A document that is not JSON yields a
     * single violation starting with {@code "not JSON:"}.
     */
    public static List<String> violations(String topic, String json) {
        JsonNode document;
        try {
            document = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        if (document == null || document.isMissingNode()) {
            return List.of("not JSON: empty document");
        }
        return schema(topic).validate(document).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Fails with the list of violations unless the document satisfies the topic's schema. */
    public static void assertValid(String topic, String json) {
        assertThat(violations(topic, json))
                .as("violations of the %s contract by %s", topic, abbreviate(json))
                .isEmpty();
    }

    private static JsonSchema schema(String topic) {
        if (!TOPICS.contains(topic)) {
            throw new IllegalArgumentException("unknown topic: " + topic + " (known: " + TOPICS + ")");
        }
        return SCHEMAS.computeIfAbsent(topic, t -> FACTORY.getSchema(schemaTree(t), CONFIG));
    }

    private static String abbreviate(String json) {
        return json.length() <= 300 ? json : json.substring(0, 300) + "...(" + json.length() + " chars)";
    }
}
