package dev.funnelflow.kafka;

import dev.funnelflow.io.KafkaTopicsAdmin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft mode, broker and controller in one node) for the {@code demo} and
 * {@code bench} commands and end-to-end tests, run the supported way: Kafka's own {@code kafka.Kafka} main in a
 * child JVM, as {@code kafka-server-start.sh} (and {@code deploy/local/start}) runs it.
 *
 * <p>Start-up writes a {@code server.properties} into the log directory, formats the directory with
 * {@code kafka.tools.StorageTool format} (what {@code kafka-storage.sh format} runs) unless an earlier run did,
 * starts the broker on this JVM's own classpath, which holds {@code kafka_2.13} (the runnable jar bundles it; tests
 * get it from Maven), and returns once an admin client sees the broker, checking that it is this broker by its
 * cluster id. The child ({@link KafkaBrokerProcess}) never outlives this JVM: it exits when its standard input,
 * a pipe from this JVM, reaches end of file, which happens when {@link #close()} stops it or this JVM ends in any
 * way; a shutdown hook also stops it on a normal exit. A broker that halts on a fatal fault takes only its own
 * process down.
 *
 * <p>The broker logs to {@code broker.log} in the log directory (warnings and its start and stop; anything the JVM
 * prints goes to {@code broker.out}), never to this process's console; if it does not start, the error carries the
 * tail of both. Ports: 0 means a free port, picked here and written into the configuration (the controller's
 * address must be in it); if another process takes it before the broker binds it, start-up tries again with new
 * ports.
 *
 * <p>The configuration suits one node and exactly-once: internal topics with replication factor 1, topic
 * auto-creation off (create topics with {@link #createTopics}), records up to {@link #MAX_MESSAGE_BYTES}.
 * Listeners bind to the loopback address only. The client listener can demand a SASL/PLAIN login, TLS or both
 * ({@link Settings#withLogin}, {@link Settings#withTls}); {@link #clientProperties()} says what clients then need.
 * The controller listener stays plaintext.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Largest record batch the broker accepts: room for a 2 MiB record (clients must raise {@code max.request.size}). */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /**
     * System property with the broker JVM's options, space-separated; by default {@value #DEFAULT_JVM_OPTIONS}, the
     * heap deploy/local gives its broker. The tests add {@code -XX:TieredStopAtLevel=1} (pom.xml): the C2 compiler
     * would double the CPU a start costs, for speed a short test never uses.
     */
    public static final String JVM_OPTIONS_PROPERTY = "funnelflow.embedded-kafka.jvm-options";
    static final String DEFAULT_JVM_OPTIONS = "-Xmx512m";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = InetAddress.getLoopbackAddress().getHostAddress();
    /** A cold JVM loading the broker on a busy 2-core machine takes seconds; this bounds a hung one. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Bounds the broker's clean shutdown on close before the process is killed. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Attempts with freshly picked ports when another process took a picked port before the broker bound it. */
    private static final int START_ATTEMPTS = 5;
    private static final int LOG_TAIL_LINES = 25;
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more)");
    /** How long a shutdown hook waits for the owner to close the broker (the demo cancels its job first). */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    static final String SERVER_PROPERTIES = "server.properties";
    static final String LOG4J_PROPERTIES = "broker-log4j2.properties";
    static final String BROKER_LOG = "broker.log";
    static final String BROKER_OUT = "broker.out";

    /**
     * What to start: the client port (0 = any free port), the log directory (empty = a temporary one that
     * {@link #close()} deletes), the broker's {@code num.partitions}, used for topics that other clients
     * (e.g. {@code kafka-topics.sh} without {@code --partitions}) create without a partition count, and whether
     * the client listener demands a login and speaks TLS (neither by default).
     */
    public record Settings(int port, Optional<Path> logDir, int defaultPartitions, Optional<PlainLogin> login,
                           Optional<TlsStores> tls) {

        public Settings {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Kafka port must be 0 (any free port) or 1-65535, got " + port);
            }
            Objects.requireNonNull(logDir, "logDir");
            if (defaultPartitions < 1) {
                throw new IllegalArgumentException("Default partition count must be at least 1, got " + defaultPartitions);
            }
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(tls, "tls");
        }

        /** Any free port, a temporary log directory, one partition per topic by default. */
        public static Settings defaults() {
            return new Settings(0, Optional.empty(), 1, Optional.empty(), Optional.empty());
        }

        public Settings withPort(int port) {
            return new Settings(port, logDir, defaultPartitions, login, tls);
        }

        /** Keeps the broker's data in {@code dir} (created if needed, kept on close, reused on the next start). */
        public Settings withLogDir(Path dir) {
            return new Settings(port, Optional.of(dir), defaultPartitions, login, tls);
        }

        public Settings withDefaultPartitions(int partitions) {
            return new Settings(port, logDir, partitions, login, tls);
        }

        /** Clients must authenticate with SASL/PLAIN as {@code login} (the broker, talking to itself, does too). */
        public Settings withLogin(PlainLogin login) {
            return new Settings(port, logDir, defaultPartitions, Optional.of(login), tls);
        }

        /** The client listener speaks TLS with the key in {@code stores} (with a login too: SASL_SSL). */
        public Settings withTls(TlsStores stores) {
            return new Settings(port, logDir, defaultPartitions, login, Optional.of(stores));
        }

        /** The client listener's protocol, which is also its listener name. */
        SecurityProtocol clientProtocol() {
            if (login.isPresent()) {
                return tls.isPresent() ? SecurityProtocol.SASL_SSL : SecurityProtocol.SASL_PLAINTEXT;
            }
            return tls.isPresent() ? SecurityProtocol.SSL : SecurityProtocol.PLAINTEXT;
        }

        /** What a client needs besides {@code bootstrap.servers} to talk to a broker started with these settings. */
        Map<String, String> clientProperties() {
            Map<String, String> properties = new HashMap<>();
            login.ifPresent(user -> properties.putAll(user.clientProperties()));
            tls.ifPresent(stores -> properties.putAll(stores.clientProperties()));
            if (!properties.isEmpty()) {  // with both a login and TLS, neither part's own protocol is right
                properties.put("security.protocol", clientProtocol().name);
            }
            return Map.copyOf(properties);
        }
    }

    /** A SASL/PLAIN user, for testing clients against an authenticating broker. */
    public record PlainLogin(String username, String password) {

        /** The client settings that log in as this user over a plaintext connection. */
        public Map<String, String> clientProperties() {
            return Map.of("security.protocol", SecurityProtocol.SASL_PLAINTEXT.name, "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", jaasConfig(""));
        }

        /** The broker's login module: it logs in as this user and knows this user's password. */
        String brokerJaasConfig() {
            return jaasConfig(" user_" + username + "=\"" + password + "\"");
        }

        private String jaasConfig(String users) {
            return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + username
                    + "\" password=\"" + password + "\"" + users + ";";
        }
    }

    /**
     * PKCS12 key and trust stores for a TLS client listener: the broker's private key with its certificate, and a
     * truststore holding what a client must trust to accept that certificate (for a self-signed one, itself).
     * The broker uses the truststore too, as it connects to its own listener (e.g. for transaction markers).
     */
    public record TlsStores(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

        public TlsStores {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
            Objects.requireNonNull(trustStore, "trustStore");
            Objects.requireNonNull(trustStorePassword, "trustStorePassword");
        }

        /** The client settings that trust the broker's certificate (hostname verification stays on). */
        Map<String, String> clientProperties() {
            return Map.of("security.protocol", SecurityProtocol.SSL.name,
                    "ssl.truststore.location", trustStore.toString(),
                    "ssl.truststore.password", trustStorePassword,
                    "ssl.truststore.type", STORE_TYPE);
        }

        Map<String, String> brokerConfig() {
            return Map.of("ssl.keystore.location", keyStore.toString(),
                    "ssl.keystore.password", keyStorePassword,
                    "ssl.keystore.type", STORE_TYPE,
                    "ssl.truststore.location", trustStore.toString(),
                    "ssl.truststore.password", trustStorePassword,
                    "ssl.truststore.type", STORE_TYPE);
        }
    }

    private static final String STORE_TYPE = "PKCS12";

    private final Path logDir;
    private final boolean deleteLogDirOnClose;
    private final int port;
    private final Map<String, String> clientProperties;
    private final Process process;
    private final Admin admin;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private EmbeddedKafka(Path logDir, boolean deleteLogDirOnClose, int port, Settings settings, Process process,
                          Admin admin) {
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.port = port;
        this.clientProperties = settings.clientProperties();
        this.process = process;
        this.admin = admin;
        this.shutdownHook = new Thread(this::closeOnExit, "embedded-kafka-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a broker with {@link Settings#defaults()}. */
    public static EmbeddedKafka start() {
        return start(Settings.defaults());
    }

    /**
     * Formats the log directory (unless an earlier run did), starts the broker process and waits until it answers
     * clients.
     *
     * @throws IllegalStateException if the port is taken or the broker does not start (the message ends with the
     *                               tail of its log); nothing is left running
     */
    public static EmbeddedKafka start(Settings settings) {
        long startNanos = System.nanoTime();
        Path logDir = settings.logDir().map(EmbeddedKafka::createDirectories).orElseGet(EmbeddedKafka::createTempDirectory);
        boolean temporary = settings.logDir().isEmpty();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    EmbeddedKafka kafka = startOnce(logDir, temporary, settings);
                    LOG.info("Kafka broker started at {} in {} ms (pid {}, log dir {})", kafka.bootstrapServers(),
                            Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), kafka.process.pid(), logDir);
                    return kafka;
                } catch (PortTakenException e) {
                    if (attempt == START_ATTEMPTS) {
                        throw new IllegalStateException("Embedded Kafka did not start: " + START_ATTEMPTS
                                + " times another process took a port picked for it. " + e.getMessage(), e);
                    }
                    LOG.info("Embedded Kafka: a picked port was taken before the broker bound it; trying new ports");
                }
            }
        } catch (RuntimeException e) {
            if (temporary) {
                deleteQuietly(logDir);
            }
            throw e instanceof IllegalStateException ? e : new IllegalStateException("Embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    private static EmbeddedKafka startOnce(Path logDir, boolean temporary, Settings settings) {
        int clientPort = settings.port() == 0 ? freePort(-1) : requireFree(settings.port());
        int controllerPort = freePort(clientPort);
        Optional<String> formattedAs = clusterIdOf(logDir);
        String clusterId = formattedAs.orElseGet(() -> Uuid.randomUuid().toString());
        writeSecret(logDir.resolve(SERVER_PROPERTIES), propertiesText(
                "Written by EmbeddedKafka on every start: one KRaft node, broker and controller.",
                brokerConfig(logDir, clientPort, controllerPort, settings)));
        writeSecret(logDir.resolve(LOG4J_PROPERTIES), propertiesText(
                "Written by EmbeddedKafka: the broker's warnings and errors, and its start, to " + BROKER_LOG + ".",
                log4jConfig(logDir.resolve(BROKER_LOG))));

        // Each start logs afresh. Not with log4j's append=false: the file then lost its start-up lines (Kafka 4.2).
        deleteFile(logDir.resolve(BROKER_LOG));
        Process process = launch(logDir, formattedAs.isEmpty() ? Optional.of(clusterId) : Optional.empty());
        Admin admin = null;
        try {
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            awaitListening(process, logDir, clientPort, settings.port() != 0, deadline);
            Map<String, Object> adminConfig = new HashMap<>(settings.clientProperties());
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + clientPort);
            // The broker is not listening yet: retry the connection often rather than backing off to a second.
            adminConfig.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
            admin = Admin.create(adminConfig);
            awaitBroker(admin, process, clusterId, logDir, clientPort, settings.port() != 0, deadline);
            return new EmbeddedKafka(logDir, temporary, clientPort, settings, process, admin);
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            kill(process);
            throw e;
        }
    }

    /**
     * Broker configuration for one combined broker+controller node; package-private so tests can check the keys.
     * The port and log directory of {@code settings} are ignored: the picked ports and the actual directory are given.
     */
    static Map<String, String> brokerConfig(Path logDir, int clientPort, int controllerPort, Settings settings) {
        String clientListener = settings.clientProtocol().name;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        // A static quorum (not `format --standalone`): the controller's address lives in this file, not in the
        // metadata log, so a restart on the same log directory may pick a new controller port.
        config.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        config.put("listeners", clientListener + "://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        config.put("advertised.listeners", clientListener + "://" + HOST + ":" + clientPort);
        config.put("listener.security.protocol.map", clientListener + ":" + clientListener + ","
                + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        config.put("inter.broker.listener.name", clientListener);
        settings.login().ifPresent(user -> {
            config.put("sasl.enabled.mechanisms", "PLAIN");
            config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            config.put("listener.name." + clientListener.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config",
                    user.brokerJaasConfig());
        });
        settings.tls().ifPresent(stores -> config.putAll(stores.brokerConfig()));
        config.put("log.dirs", logDir.toString());
        config.put("metadata.log.dir", logDir.toString());

        // One node: every internal topic has one replica. One partition each, as 50 would only slow start-up.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("min.insync.replicas", "1");
        config.put("default.replication.factor", "1");
        config.put("num.partitions", String.valueOf(settings.defaultPartitions()));
        // Exactly-once sinks set transaction.timeout.ms up to this; 15 minutes is Kafka's default, stated for clarity.
        config.put("transaction.max.timeout.ms", String.valueOf(Duration.ofMinutes(15).toMillis()));
        // A missing topic makes a Flink Kafka source restart forever: fail fast instead, topics are created explicitly.
        config.put("auto.create.topics.enable", "false");
        // Oversize payloads must reach the job so it can route them to the dead-letter topic.
        config.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        config.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        // The 128 MiB default cleaner buffer fails start-up with a small heap; compacted topics here are tiny.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        // No one else will join the group: do not wait 3 s before the first assignment.
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    /** The broker process's logging: a file in its log directory, warnings and errors, plus its start and stop. */
    static Map<String, String> log4jConfig(Path logFile) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("rootLogger.level", "WARN");
        config.put("rootLogger.appenderRef.file.ref", "file");
        config.put("appender.file.type", "File");
        config.put("appender.file.name", "file");
        config.put("appender.file.fileName", logFile.toString());
        config.put("appender.file.layout.type", "PatternLayout");
        config.put("appender.file.layout.pattern", "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c - %m%n");
        config.put("logger.server.name", "kafka.server.KafkaRaftServer");  // "Kafka Server started", and stopping
        config.put("logger.server.level", "INFO");
        // A fresh log directory makes the controller warn that "the metadata log appears to be empty": expected here.
        config.put("logger.quorum.name", "org.apache.kafka.controller.QuorumController");
        config.put("logger.quorum.level", "ERROR");
        return config;
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The client port, picked free when the settings asked for port 0. */
    public int port() {
        return port;
    }

    /**
     * What a client needs besides {@code bootstrap.servers}: the security protocol with the SASL login and the
     * truststore when the broker asks for them; empty for a plaintext broker.
     */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** The broker's log directory; it also holds its {@code server.properties} and its log file. */
    public Path logDir() {
        return logDir;
    }

    /** The broker's log file, in its log directory: warnings, errors, and its start and stop. */
    public Path logFile() {
        return logDir.resolve(BROKER_LOG);
    }

    /**
     * CPU time the broker's process has used so far (all its threads, the JIT and the collector included), if the
     * operating system reports it; for measurements such as {@code bench}'s CPU per stage.
     */
    public Optional<Duration> brokerCpuTime() {
        return process.info().totalCpuDuration();
    }

    /** The broker process's id, for tests. */
    long brokerPid() {
        return process.pid();
    }

    /**
     * Creates the topics that do not exist yet (partition count per topic; existing topics are left as they
     * are) and waits until all of them accept reads and writes.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        KafkaTopicsAdmin.createTopics(admin, partitionsByTopic, (short) 1, ADMIN_TIMEOUT);
    }

    /** Deletes every topic and waits until the broker no longer lists them, so they can be created afresh. */
    public void deleteAllTopics() {
        KafkaTopicsAdmin.deleteAllTopics(admin, ADMIN_TIMEOUT);
    }

    /** Waits until the topics exist and each partition is served by its leader, e.g. after another client created them. */
    public void awaitTopics(Collection<String> topics, Duration timeout) {
        KafkaTopicsAdmin.awaitTopics(admin, topics, timeout);
    }

    /**
     * Stops the broker: a clean shutdown when its log directory is kept, so the next start need not recover its
     * logs; a temporary one is killed, as its files are deleted next. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            long startNanos = System.nanoTime();
            admin.close(Duration.ZERO);
            if (deleteLogDirOnClose) {
                kill(process);
                deleteQuietly(logDir);
            } else {
                stopCleanly(process);
            }
            LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(),
                    Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself, or while the JVM exits: nothing to remove
            }
        }
    }

    /**
     * The JVM exits with the broker still open. Its owner may be closing it from another shutdown hook (the demo
     * cancels its job first, on Ctrl-C): give it a moment, then close it here. Were this hook skipped (a kill),
     * the broker process would still exit, as its standard input ends with this JVM.
     */
    private void closeOnExit() {
        try {
            if (stopped.await(EXIT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                return;  // closed by its owner
            }
            if (closed.get()) {  // its owner is closing it: let that finish
                stopped.await(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    private static Process launch(Path logDir, Optional<String> formatAsCluster) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of(
                "-Dlog4j2.configurationFile=" + logDir.resolve(LOG4J_PROPERTIES).toAbsolutePath(),
                // Names the process in `ps` (and lets a reader find which directory it serves).
                "-Dfunnelflow.embedded.kafka=" + logDir.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerProcess.class.getName()));
        formatAsCluster.ifPresent(clusterId -> command.addAll(List.of("--format", clusterId)));
        command.add(logDir.resolve(SERVER_PROPERTIES).toAbsolutePath().toString());
        try {
            // Standard input stays a pipe from this JVM: the broker process exits when it ends.
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve(BROKER_OUT).toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker process (" + command.get(0) + ")", e);
        }
    }

    /**
     * Waits until something accepts connections on the client port, so that the admin client that then checks the
     * broker does not log a warning for every refused connection while the broker JVM starts.
     */
    private static void awaitListening(Process process, Path logDir, int clientPort, boolean fixedPort,
                                       long deadline) {
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw exited(process, logDir, clientPort, fixedPort);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, clientPort), 200);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for embedded Kafka to listen", e);
                }
            }
        }
        // awaitBroker reports the timeout with the broker's log.
    }

    /** Polls the broker with an admin client until it answers as the cluster formatted here, or fails clearly. */
    private static void awaitBroker(Admin admin, Process process, String clusterId, Path logDir, int clientPort,
                                    boolean fixedPort, long deadline) {
        while (true) {
            if (!process.isAlive()) {
                throw exited(process, logDir, clientPort, fixedPort);
            }
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                throw new IllegalStateException("Embedded Kafka did not answer within " + STARTUP_TIMEOUT.toSeconds()
                        + " s" + logTail(logDir));
            }
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) Math.min(1_000, remainingMillis)));
            String answeringCluster;
            try {
                answeringCluster = cluster.clusterId().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for embedded Kafka to answer", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                        || e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) {
                    continue;  // not listening yet
                }
                throw new IllegalStateException("Embedded Kafka does not answer clients: " + e.getCause().getMessage()
                        + logTail(logDir), e.getCause());
            }
            if (!clusterId.equals(answeringCluster)) {
                // Another broker took the port between picking and binding; ours cannot bind it and exits.
                if (fixedPort) {
                    throw portInUse(clientPort, "taken by another Kafka broker", null);
                }
                throw new PortTakenException("Port " + clientPort + " is served by another Kafka cluster");
            }
            return;
        }
    }

    private static RuntimeException exited(Process process, Path logDir, int clientPort, boolean fixedPort) {
        int status = waitFor(process);
        String tail = logTail(logDir);
        // Kafka 4.2: "Socket server failed to bind to 127.0.0.1:9092: Address already in use."
        if (tail.contains("Address already in use") || tail.contains("failed to bind")) {
            if (fixedPort && tail.contains("bind to " + HOST + ":" + clientPort + ":")) {
                return portInUse(clientPort, "Address already in use", null);
            }
            return new PortTakenException("The broker could not bind a port it was given" + tail);
        }
        return new IllegalStateException(status == KafkaBrokerProcess.FORMAT_FAILED
                ? "Could not format Kafka log directory " + logDir + tail
                : "Embedded Kafka exited during start-up (status " + status + ")" + tail);
    }

    private static IllegalStateException portInUse(int port, String reason, Exception cause) {
        return new IllegalStateException("Embedded Kafka cannot listen on " + HOST + ":" + port + " (" + reason
                + "): is another Kafka broker running? Stop it or choose another port", cause);
    }

    /**
     * The last lines of the broker's log file and of its console output, for an error message; stack frames are left
     * out, so that the messages and their causes fit.
     */
    static String logTail(Path logDir) {
        StringBuilder tail = new StringBuilder();
        for (String file : List.of(BROKER_LOG, BROKER_OUT)) {
            Path path = logDir.resolve(file);
            List<String> lines;
            try {
                lines = Files.exists(path)
                        ? new String(Files.readAllBytes(path), StandardCharsets.UTF_8).lines()
                                .filter(line -> !STACK_FRAME.matcher(line).lookingAt()).toList()
                        : List.of();
            } catch (IOException e) {
                lines = List.of("(could not read it: " + e + ")");
            }
            if (!lines.isEmpty()) {
                tail.append(System.lineSeparator()).append("--- end of ").append(path).append(" ---");
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(line -> tail.append(System.lineSeparator()).append(line));
            }
        }
        return tail.toString();
    }

    /** A port that was free a moment ago on the loopback address, other than {@code except}. */
    private static int freePort(int except) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                if (socket.getLocalPort() != except) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded Kafka could not find a free port", e);
            }
        }
    }

    /** Fails at once, with a clear message, if the fixed port is taken, rather than after the broker's start-up. */
    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(HOST, port), 1);
            return port;
        } catch (BindException e) {
            throw portInUse(port, e.getMessage(), null);  // the message says it all; the CLI prints a root cause's
        } catch (IOException e) {
            throw portInUse(port, e.toString(), e);
        }
    }

    /** The cluster id an earlier start formatted the directory with; empty if it is not formatted. */
    private static Optional<String> clusterIdOf(Path logDir) {
        Path metaProperties = logDir.resolve("meta.properties");
        if (!Files.exists(metaProperties)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(metaProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + metaProperties, e);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null) {
            throw new IllegalStateException(metaProperties + " has no cluster.id: is it a Kafka log directory?");
        }
        return Optional.of(clusterId);
    }

    /** A properties file's text, in the given order, each value escaped as {@link Properties#load} reads it. */
    static String propertiesText(String comment, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        properties.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString();
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\f' -> escaped.append("\\f");
                case ' ' -> escaped.append(i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> escaped.append('\\').append(c);
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Writes a file only its owner may read where the file system allows: it can hold passwords. */
    private static void writeSecret(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    /** Ends the process's standard input, so it shuts the broker down cleanly; kills it if that takes too long. */
    private static void stopCleanly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("Could not close the broker's standard input: {}", e.toString());
        }
        try {
            if (!process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker (pid {}) did not stop within {} s: killing it", process.pid(),
                        SHUTDOWN_TIMEOUT.toSeconds());
                kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
        }
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + file, e);
        }
    }

    private static void kill(Process process) {
        process.destroyForcibly();
        waitFor(process);
    }

    private static int waitFor(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create Kafka log directory " + dir, e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("funnelflow-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Kafka log directory", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete Kafka log directory {}: {}", dir, e.toString());
        }
    }

    /** A port picked for the broker was taken by another process before the broker could bind it: pick again. */
    private static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
