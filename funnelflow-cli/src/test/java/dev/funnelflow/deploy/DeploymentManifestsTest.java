package dev.funnelflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnelflow.config.JobConfig;
import dev.funnelflow.config.JobSettings;
import dev.funnelflow.io.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    private static final Path DEPLOYMENT = Path.of("deploy/k8s/flink-deployment.yaml");
    private static final Path BUNDLED_MODELS = Path.of("models");

    private final Document pom = parseXml(Path.of("pom.xml"));
    /** The module that builds the cluster job jar. */
    private final Document jobPom = parseXml(Path.of("funnelflow-job/pom.xml"));

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
        JsonNode deployment = deployment();
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
    void everyFlinkPodServesModelsFromTheSharedModelsVolumeMountedReadOnly() throws IOException {
        JsonNode spec = deployment().path("spec");
        String modelsDir = spec.path("flinkConfiguration").path("funnelflow.ranking.models-dir").asText();
        assertThat(modelsDir).as("funnelflow.ranking.models-dir").startsWith("/");

        JsonNode mount = mount(mainContainer(spec), modelsDir);
        assertThat(mount.path("readOnly").asBoolean()).as("the job only reads the models volume").isTrue();
        JsonNode claim = volume(spec, mount.path("name").asText()).path("persistentVolumeClaim");
        JsonNode pvc = YAML.readTree(Path.of("deploy/k8s/models-pvc.yaml").toFile());
        assertThat(pvc.path("kind").asText()).isEqualTo("PersistentVolumeClaim");
        assertThat(claim.path("claimName").asText()).isEqualTo(pvc.path("metadata").path("name").asText())
                .isEqualTo("funnelflow-models");
        // TaskManagers on different nodes mount it at once.
        assertThat(pvc.path("spec").path("accessModes")).extracting(JsonNode::asText).containsExactly("ReadWriteMany");
        assertThat(pvc.path("spec").path("resources").path("requests").path("storage").asText()).isNotBlank();
    }

    @Test
    void theImageCarriesTheBundledModelsAndSeedsAnEmptyModelsVolumeWithThem(@TempDir Path temp)
            throws IOException, InterruptedException {
        JsonNode spec = deployment().path("spec");
        String modelsDir = spec.path("flinkConfiguration").path("funnelflow.ranking.models-dir").asText();
        String bundledInImage = Files.readAllLines(Path.of("docker/Dockerfile")).stream()
                .filter(line -> line.startsWith("COPY --chown=flink:flink " + BUNDLED_MODELS + "/ "))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1).replaceAll("/$", ""))
                .findFirst().orElseThrow();
        assertThat(bundledInImage).isNotEqualTo(modelsDir);
        List<String> bundled = modelFiles(BUNDLED_MODELS);
        assertThat(bundled).as("bundled models and their cards")
                .anyMatch(name -> name.endsWith(".onnx"))
                .allMatch(name -> !name.endsWith(".onnx")
                        || bundled.contains(name.replaceAll("\\.onnx$", ".json")));

        JsonNode seed = named(spec.path("podTemplate").path("spec").path("initContainers"), "seed-models");
        assertThat(seed.path("image").asText()).as("seed-models runs the job's image")
                .isEqualTo(spec.path("image").asText());
        assertThat(mount(seed, modelsDir).path("readOnly").asBoolean()).isFalse();
        assertThat(mount(seed, modelsDir).path("name").asText()).isEqualTo(mount(mainContainer(spec), modelsDir)
                .path("name").asText());
        Map<String, String> env = new LinkedHashMap<>();
        seed.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable.path("value").asText()));
        assertThat(env).containsEntry("BUNDLED_MODELS", bundledInImage).containsEntry("MODELS", modelsDir);

        // The command itself, with the image's directories replaced by the repository's models/ and a fresh volume.
        Path volume = Files.createDirectory(temp.resolve("volume"));
        runSeed(seed, BUNDLED_MODELS, volume);
        assertThat(modelFiles(volume)).containsExactlyElementsOf(bundled);
        for (String name : bundled) {
            assertThat(volume.resolve(name)).hasSameBinaryContentAs(BUNDLED_MODELS.resolve(name));
        }
        try (Stream<Path> files = Files.list(volume)) {
            assertThat(files).as("no copy left half-way").hasSize(bundled.size());
        }
        runSeed(seed, BUNDLED_MODELS, volume);
        assertThat(modelFiles(volume)).containsExactlyElementsOf(bundled);

        // A volume that holds a model (published, perhaps promoted) is not touched.
        Path published = Files.createDirectory(temp.resolve("published"));
        Files.writeString(published.resolve("ctr-gen9.onnx"), "published");
        runSeed(seed, BUNDLED_MODELS, published);
        assertThat(modelFiles(published)).containsExactly("ctr-gen9.onnx");
    }

    @Test
    void theControlKeyIsReadFromTheMountedFunnelflowControlSecret() throws IOException {
        JsonNode spec = deployment().path("spec");
        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(flink.has("funnelflow.control.hmac-secret-env")).as("one source of the control key").isFalse();
        Path keyFile = Path.of(flink.path("funnelflow.control.hmac-secret-file").asText());
        assertThat(keyFile.isAbsolute()).as("funnelflow.control.hmac-secret-file " + keyFile).isTrue();

        JsonNode mount = mount(mainContainer(spec), keyFile.getParent().toString());
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        JsonNode secret = volume(spec, mount.path("name").asText()).path("secret");
        assertThat(secret.path("secretName").asText()).isEqualTo("funnelflow-control");
        assertThat(elements(secret.path("items"))).as("the key file comes from the Secret")
                .anyMatch(item -> item.path("path").asText().equals(keyFile.getFileName().toString())
                        && item.path("key").asText().equals("hmac-secret"));
        // Mounted on the JobManager too (one pod template): the job reads the key when it starts.
        assertThat(spec.path("jobManager").has("podTemplate")).isFalse();
        assertThat(spec.path("taskManager").has("podTemplate")).isFalse();
    }

    @Test
    void everyFunnelFlowKeyOfTheDeploymentIsOneTheJobKnows() throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        deployment().path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(entry -> options.put(entry.getKey(), entry.getValue().asText()));
        assertThat(options.keySet()).anyMatch(key -> key.startsWith("funnelflow."));

        // The job's own check, the first thing JobSettings.from does. Past it, the start may fail here for want of
        // the cluster's secrets (the Secrets exist only there), never for a key the job does not know.
        Throwable failure = catchThrowable(() -> JobSettings.from(JobConfig.load(null, options)));
        if (failure != null) {
            assertThat(failure.getMessage()).doesNotContain("unknown option");
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

        int parallelism = deployment()
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
            for (String key : List.of("cleanup.policy", "retention.ms", "message.timestamp.type")) {
                assertThat(spec.path("config").path(key).asText(null)).as(name + " " + key)
                        .isEqualTo(local.get(name).configs().get(key));
            }
        });
        // The job judges a command's issued_at against its record's timestamp: the broker's, not the sender's.
        assertThat(local.get(Topic.CONTROL.topicName()).configs()).containsEntry("message.timestamp.type",
                "LogAppendTime");
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

    /** The FlinkDeployment as kubectl reads it: aliases ({@code *image}) resolved, as Jackson's parser does not. */
    private static JsonNode deployment() throws IOException {
        try (var reader = Files.newBufferedReader(DEPLOYMENT)) {
            return YAML.valueToTree(new org.yaml.snakeyaml.Yaml().load(reader));
        }
    }

    private static JsonNode mainContainer(JsonNode spec) {
        return named(spec.path("podTemplate").path("spec").path("containers"), "flink-main-container");
    }

    /** The volume mount of {@code container} at {@code path}. */
    private static JsonNode mount(JsonNode container, String path) {
        return elements(container.path("volumeMounts"))
                .filter(mount -> mount.path("mountPath").asText().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError(container.path("name").asText()
                        + " mounts nothing at " + path));
    }

    private static JsonNode volume(JsonNode spec, String name) {
        return named(spec.path("podTemplate").path("spec").path("volumes"), name);
    }

    /** The element of a Kubernetes list (containers, volumes) with this {@code name}. */
    private static JsonNode named(JsonNode list, String name) {
        return elements(list).filter(element -> element.path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + list));
    }

    private static Stream<JsonNode> elements(JsonNode list) {
        return java.util.stream.StreamSupport.stream(list.spliterator(), false);
    }

    /** Model files and cards in {@code dir}, sorted. */
    private static List<String> modelFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".onnx") || name.endsWith(".json")).sorted().toList();
        }
    }

    /** Runs the init container's command here, its directories replaced by {@code bundled} and {@code volume}. */
    private static void runSeed(JsonNode container, Path bundled, Path volume)
            throws IOException, InterruptedException {
        List<String> command = elements(container.path("command")).map(JsonNode::asText).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BUNDLED_MODELS", bundled.toAbsolutePath().toString());
        builder.environment().put("MODELS", volume.toAbsolutePath().toString());
        builder.environment().put("HOSTNAME", "funnelflow-taskmanager-1-1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
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
        String outputFile = xpath(jobPom, "//execution[id='job-jar']/configuration/outputFile");
        return Path.of(outputFile).getFileName().toString();
    }

    private String jobJarMainClass() {
        return xpath(jobPom, "//execution[id='job-jar']//transformer/mainClass");
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
