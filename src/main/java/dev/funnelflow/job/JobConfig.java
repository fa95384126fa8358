package dev.funnelflow.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * Loads the job definition: the bundled {@code flink-jobs/clickstream.yaml}, then an optional file, then
 * {@code -Dkey=value} overrides, later ones winning. Nested YAML maps are flattened to dotted Flink keys.
 */
public final class JobConfig {

    public static final String BUNDLED_DEFINITION = "/flink-jobs/clickstream.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private JobConfig() {}

    public static Configuration load(Path overrides, Map<String, String> dynamicProperties) {
        Map<String, String> merged = new LinkedHashMap<>();
        try (InputStream bundled = JobConfig.class.getResourceAsStream(BUNDLED_DEFINITION)) {
            if (bundled == null) {
                throw new IllegalStateException(BUNDLED_DEFINITION + " is missing from the jar");
            }
            flatten("", YAML.readTree(bundled), merged);
            if (overrides != null) {
                if (!Files.isRegularFile(overrides)) {
                    throw new IllegalArgumentException("config file not found: " + overrides);
                }
                flatten("", YAML.readTree(overrides.toFile()), merged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read job configuration: " + e.getMessage(), e);
        }
        merged.putAll(dynamicProperties);
        return Configuration.fromMap(merged);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix + e.getKey() + ".", e.getValue(), into));
        } else {
            into.put(prefix.substring(0, prefix.length() - 1), node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
