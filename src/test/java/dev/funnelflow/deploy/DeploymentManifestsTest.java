package dev.funnelflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelflow.job.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * No Docker engine or Kubernetes cluster runs here, so the deployment files are checked structurally: they name
 * what the build produces (jar, main class, Flink and Kafka versions) and every topic the job declares.
 */
class DeploymentManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path JOB_JAR_DIR = Path.of("/opt/flink/usrlib");

    private final Document pom = parseXml(Path.of("pom.xml"));

    @Test
    void dockerfileBuildsOnTheMatchingFlinkImageAndAddsTheJobJarModelsSchemasAndJobDefinitions() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docker/Dockerfile"));
        assertThat(lines).filteredOn(line -> line.startsWith("FROM "))
                .containsExactly("FROM flink:" + pomProperty("flink.version") + "-scala_2.12-java"
                        + pomProperty("maven.compiler.release"));
        assertThat(lines).contains("COPY --chown=flink:flink target/" + jobJarName() + " "
                + JOB_JAR_DIR.resolve(jobJarName()));
        for (String dir : List.of("models", "schemas", "flink-jobs")) {
            assertThat(Path.of(dir)).isDirectory();
            assertThat(lines).anyMatch(line -> line.startsWith("COPY --chown=flink:flink " + dir + "/ /opt/flink/"));
        }
    }

    @Test
    void flinkDeploymentRunsTheJobJarWithRocksDbIncrementalCheckpointsDurableStorageHaAndPrometheus()
            throws IOException {
        JsonNode deployment = YAML.readTree(Path.of("deploy/k8s/flink-deployment.yaml").toFile());
        assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
        JsonNode spec = deployment.path("spec");
        String[] flinkVersion = pomProperty("flink.version").split("\\.");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + flinkVersion[0] + "_" + flinkVersion[1]);
        assertThat(spec.path("image").asText()).isNotBlank();

        JsonNode job = spec.path("job");
        assertThat(job.path("jarURI").asText()).isEqualTo("local://" + JOB_JAR_DIR.resolve(jobJarName()));
        assertThat(job.path("entryClass").asText()).isEqualTo(jobJarMainClass());
        assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(job.path("parallelism").asInt()).isPositive();

        // The cluster's configuration overrides the bundled job definition, so FunnelFlow's options live in it too.
        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(flink.path("funnelflow.kafka.bootstrap-servers").asText()).isNotBlank();
        assertThat(flink.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(flink.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(flink.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(flink.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.path("high-availability.storageDir").asText()).startsWith("s3://");
        assertThat(flink.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        for (String role : List.of("jobManager", "taskManager")) {
            assertThat(spec.path(role).path("resource").path("memory").asText()).as(role).isNotBlank();
            assertThat(spec.path(role).path("resource").path("cpu").asDouble()).as(role).isPositive();
        }
    }

    @Test
    void strimziTopicsDeclareEveryTopicOfTheJobWithTheLocalClusterCleanupAndRetention() throws IOException {
        Map<String, JsonNode> topics = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class)
                .readValues(Path.of("deploy/k8s/kafka-topics.yaml").toFile())) {
            while (documents.hasNext()) {
                JsonNode topic = documents.next();
                if (topic != null && !topic.isEmpty()) {
                    topics.put(topic.path("metadata").path("name").asText(), topic);
                }
            }
        }
        assertThat(topics.keySet()).containsExactlyElementsOf(topicNames());

        int parallelism = YAML.readTree(Path.of("deploy/k8s/flink-deployment.yaml").toFile())
                .path("spec").path("job").path("parallelism").asInt();
        Map<String, LocalTopic> local = localTopics();
        topics.forEach((name, topic) -> {
            assertThat(topic.path("apiVersion").asText()).startsWith("kafka.strimzi.io/");
            assertThat(topic.path("kind").asText()).isEqualTo("KafkaTopic");
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isNotBlank();
            JsonNode spec = topic.path("spec");
            assertThat(spec.path("replicas").asInt()).as(name).isPositive();
            // Every source or sink subtask should have a partition of its own; control is one ordered log.
            assertThat(spec.path("partitions").asInt()).as(name)
                    .isGreaterThanOrEqualTo(name.equals(Topic.CONTROL.topicName()) ? 1 : parallelism);
            for (String key : List.of("cleanup.policy", "retention.ms")) {
                assertThat(spec.path("config").path(key).asText(null)).as(name + " " + key)
                        .isEqualTo(local.get(name).configs().get(key));
            }
        });
    }

    @Test
    void localClusterCreatesEveryTopicOfTheJobWithItsPartitionCount() {
        Map<String, LocalTopic> local = localTopics();
        assertThat(local.keySet()).containsExactlyElementsOf(topicNames());
        Map<String, Integer> partitions = local.values().stream()
                .collect(Collectors.toMap(LocalTopic::name, LocalTopic::partitions));
        assertThat(partitions).isEqualTo(Topic.partitions(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"flink-lib", "kafka-lib"})
    void localClusterJarsHaveTheProjectsVersions(String lib) {
        Document libPom = parseXml(Path.of("deploy/local", lib, "pom.xml"));
        for (String property : List.of("flink.version", "kafka.version", "log4j.version")) {
            String version = property(libPom, property);
            if (!version.isEmpty()) {
                assertThat(version).as(lib + " " + property).isEqualTo(pomProperty(property));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"start", "stop", "submit", "status", "savepoint"})
    void localClusterScriptsAreExecutableAndStopAtTheFirstError(String script) throws IOException {
        Path file = Path.of("deploy/local", script);
        assertThat(Files.isExecutable(file)).as(script + " is executable").isTrue();
        assertThat(Files.readString(file)).startsWith("#!/usr/bin/env bash\n").contains("\nset -euo pipefail\n");
    }

    private record LocalTopic(String name, int partitions, Map<String, String> configs) {}

    /** deploy/local/topics: name, partitions, comma-separated configs per line. */
    private static Map<String, LocalTopic> localTopics() {
        try {
            Map<String, LocalTopic> topics = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("deploy/local/topics"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                Map<String, String> configs = Arrays.stream(fields[2].split(","))
                        .map(kv -> kv.split("=", 2))
                        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1], (a, b) -> b, LinkedHashMap::new));
                topics.put(fields[0], new LocalTopic(fields[0], Integer.parseInt(fields[1]), configs));
            }
            return topics;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> topicNames() {
        return Arrays.stream(Topic.values()).map(Topic::topicName).toList();
    }

    private String jobJarName() {
        String outputFile = xpath(pom, "//execution[id='job-jar']/configuration/outputFile");
        return Path.of(outputFile).getFileName().toString();
    }

    private String jobJarMainClass() {
        return xpath(pom, "//execution[id='job-jar']//transformer/mainClass");
    }

    private String pomProperty(String name) {
        String value = property(pom, name);
        assertThat(value).as("pom.xml property " + name).isNotEmpty();
        return value;
    }

    private static String property(Document document, String name) {
        return xpath(document, "/project/properties/" + name);
    }

    private static String xpath(Document document, String expression) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(expression, document).trim();
        } catch (Exception e) {
            throw new IllegalStateException("cannot evaluate " + expression, e);
        }
    }

    private static Document parseXml(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
    }
}
