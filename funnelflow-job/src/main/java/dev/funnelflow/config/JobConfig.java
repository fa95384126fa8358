package dev.funnelflow.config;

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
import org.apache.flink.configuration.ReadableConfig;

/**
 * Loads the job definition, later layers winning: the bundled {@code flink-jobs/clickstream.yaml}, the cluster's
 * Flink configuration (on a cluster), an optional {@code --config} file, then {@code -Dkey=value} overrides.
 * Nested YAML maps are flattened to dotted Flink keys.
 */
public final class JobConfig {

    public static final String BUNDLED_DEFINITION = "/flink-jobs/clickstream.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private JobConfig() {}

    /** For jobs in this JVM ({@code demo}, {@code replay}, {@code bench}): no cluster configuration to honour. */
    public static Configuration load(Path overrides, Map<String, String> dynamicProperties) {
        return load(new Configuration(), overrides, dynamicProperties);
    }

    /**
     * @param cluster the configuration the cluster hands the job (what {@code getExecutionEnvironment()} sees): it
     *     overrides the bundled defaults, so operators can set {@code funnelflow.*} and job options the usual way
     */
    public static Configuration load(ReadableConfig cluster, Path overrides, Map<String, String> dynamicProperties) {
        Map<String, String> merged = new LinkedHashMap<>();
        try (InputStream bundled = JobConfig.class.getResourceAsStream(BUNDLED_DEFINITION)) {
            if (bundled == null) {
                throw new IllegalStateException(BUNDLED_DEFINITION + " is missing from the jar");
            }
            flatten("", YAML.readTree(bundled), merged);
            merged.putAll(cluster.toMap());
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
