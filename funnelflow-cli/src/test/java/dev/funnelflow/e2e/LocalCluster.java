package dev.funnelflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The local multi-process cluster of {@code deploy/local}, driven through its scripts exactly as a user would
 * run them, in its own work dir and on free ports so that it never meets a cluster or demo already running.
 */
final class LocalCluster implements AutoCloseable {

    private static final Path SCRIPTS = Path.of("deploy", "local").toAbsolutePath();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final Map<String, String> environment;
    private final String flinkRest;
    private final String kafkaBootstrap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int scriptRuns;

    private final List<Integer> prometheusPorts;

    private LocalCluster(Path workDir, int restPort, int rpcPort, int kafkaPort, int controllerPort,
            int prometheusBase) {
        this.workDir = workDir;
        // A range from a free port: the JobManager and each TaskManager take the next free one.
        this.prometheusPorts = IntStream.rangeClosed(prometheusBase, prometheusBase + 9).boxed().toList();
        this.environment = Map.of(
                "FUNNELFLOW_LOCAL_DIR", workDir.toString(),
                "FLINK_REST_PORT", String.valueOf(restPort),
                "FLINK_RPC_PORT", String.valueOf(rpcPort),
                "KAFKA_PORT", String.valueOf(kafkaPort),
                "KAFKA_CONTROLLER_PORT", String.valueOf(controllerPort),
                "PROMETHEUS_PORTS", prometheusBase + "-" + (prometheusBase + 9));
        this.flinkRest = "http://localhost:" + restPort;
        this.kafkaBootstrap = "localhost:" + kafkaPort;
    }

    /** Runs {@code deploy/local/start} (broker, topics, JobManager, TaskManagers) in {@code workDir}. */
    static LocalCluster start(Path workDir, int taskManagers) {
        int[] ports = freePorts(5);
        LocalCluster cluster = new LocalCluster(workDir, ports[0], ports[1], ports[2], ports[3], ports[4]);
        cluster.run("start", "all", "--taskmanagers", String.valueOf(taskManagers));
        return cluster;
    }

    String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    Path workDir() {
        return workDir;
    }

    /**
     * Runs one of the {@code deploy/local} scripts and returns its standard output; its log lines (stderr) go
     * to a file in the work dir, quoted in the exception if the script fails.
     */
    String run(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Path logFile = workDir.resolve("script-" + (++scriptRuns) + "-" + script + ".log");
        try {
            Path stdout = Files.createTempFile(workDir, "stdout-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(logFile.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT
                        + ":\n" + Files.readString(logFile));
            }
            String output = Files.readString(stdout).strip();
            Files.delete(stdout);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
                        + process.exitValue() + ":\n" + Files.readString(logFile));
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** What the cluster's Prometheus endpoints serve now, all of them together. */
    String prometheusMetrics() throws InterruptedException {
        StringBuilder metrics = new StringBuilder();
        for (int port : prometheusPorts) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(5)).build();
                metrics.append(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            } catch (IOException e) {
                // nothing listens on this port of the range
            }
        }
        return metrics.toString();
    }

    /** The process the scripts started under this name (kafka, jobmanager, taskmanager-N), if it is alive. */
    ProcessHandle process(String name) {
        return alive(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    /** How many of the TaskManagers the scripts started are alive. */
    long liveTaskManagers() {
        return started().stream().filter(name -> name.startsWith("taskmanager-") && alive(name).isPresent()).count();
    }

    /** The names of every process the scripts started here, alive or not. */
    private List<String> started() {
        try (Stream<Path> pidFiles = Files.list(workDir.resolve("pids"))) {
            return pidFiles.map(file -> file.getFileName().toString().replaceFirst("\\.pid$", "")).toList();
        } catch (IOException e) {
            return List.of(); // no pid directory: nothing was started
        }
    }

    private Optional<ProcessHandle> alive(String name) {
        try {
            return ours(name, Files.readString(workDir.resolve("pids").resolve(name + ".pid")));
        } catch (IOException e) {
            return Optional.empty(); // no pid file: never started, or stopped by the scripts
        }
    }

    /** The live process with this pid if it carries the scripts' name marker (pids of dead processes are reused). */
    private static Optional<ProcessHandle> ours(String name, String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid.strip())).filter(process -> process.info().commandLine()
                    .map(line -> line.contains("-Dfunnelflow.local.process=" + name + " ")).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();  // a half-written pid file: its process was never started
        }
    }

    /** {@code kill -9}: the process gets no chance to close connections, flush or say goodbye. */
    void killHard(String name) throws InterruptedException {
        ProcessHandle process = process(name);
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(name + " did not die after SIGKILL", e);
        }
    }

    /** GET on Flink's REST API. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(flinkRest + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** Cancels a job (REST {@code PATCH /jobs/:id?mode=cancel}). */
    void cancel(String jobId) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(flinkRest + "/jobs/" + jobId + "?mode=cancel"))
                .timeout(Duration.ofSeconds(10)).method("PATCH", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Runs {@code deploy/local/stop}; then kills whatever is still alive, so that no process outlives the test
     * even when the script cannot run.
     */
    @Override
    public void close() {
        RuntimeException stopFailure = null;
        try {
            run("stop");
        } catch (RuntimeException e) {
            stopFailure = e;
        }
        started().forEach(name -> alive(name).ifPresent(ProcessHandle::destroyForcibly));
        if (stopFailure != null) {
            throw stopFailure;
        }
    }

    private static int[] freePorts(int count) {
        // Held open together so that the ports differ; released just before the cluster binds them.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sockets.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
