package dev.funnelflow.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.funnelflow.io.KafkaTopicsAdmin;
import kafka.server.BrokerServer;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.server.Server;
import kafka.server.SharedServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.raft.QuorumConfig;
import org.apache.kafka.server.ServerSocketFactory;
import org.apache.kafka.server.fault.LoggingFaultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import scala.Tuple2;

/**
 * A real single-node Kafka broker (KRaft mode, broker and controller in one node) running inside this JVM,
 * for the {@code demo} and {@code bench} commands and end-to-end tests.
 *
 * <p>Start-up does what {@code kafka-storage.sh format} and {@code kafka-server-start.sh} do, from the
 * {@code kafka_2.13} jar: it formats the log directory with Kafka's {@link Formatter}, then assembles the
 * controller and broker the way {@code kafka.server.KafkaRaftServer} does, and returns once an admin client
 * sees the broker. Two differences from a standalone server make it fit for tests:
 * <ul>
 *   <li>Both listeners are bound <em>before</em> the configuration is written, and the bound sockets are handed
 *       to Kafka, so port 0 means a free port with no race between picking and binding it (the controller's
 *       port must be in the configuration, so Kafka itself cannot bind it to port 0).</li>
 *   <li>Faults Kafka deems fatal are logged instead of halting the whole JVM, which would take the Flink
 *       job or the test run down with the broker.</li>
 * </ul>
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

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = InetAddress.getLoopbackAddress().getHostAddress();
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    /** Bounds the broker's controlled shutdown on close; with one node its controller answers at once. */
    private static final Duration CONTROLLED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

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
    private final String clientListener;
    private final Map<String, String> clientProperties;
    private final PreboundSockets sockets;
    private final ControllerServer controller;
    private final BrokerServer broker;
    private final Admin admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(Path logDir, boolean deleteLogDirOnClose, Settings settings, PreboundSockets sockets,
                          ControllerServer controller, BrokerServer broker, Admin admin) {
        this.logDir = logDir;
        this.deleteLogDirOnClose = deleteLogDirOnClose;
        this.clientListener = settings.clientProtocol().name;
        this.clientProperties = settings.clientProperties();
        this.sockets = sockets;
        this.controller = controller;
        this.broker = broker;
        this.admin = admin;
    }

    /** Starts a broker with {@link Settings#defaults()}. */
    public static EmbeddedKafka start() {
        return start(Settings.defaults());
    }

    /**
     * Formats the log directory (unless an earlier run did), starts the broker and waits
     * until it answers clients.
     *
     * @throws IllegalStateException if the port is taken or the broker does not start; nothing is left running
     */
    public static EmbeddedKafka start(Settings settings) {
        long startNanos = System.nanoTime();
        Path logDir = settings.logDir().map(EmbeddedKafka::createDirectories).orElseGet(EmbeddedKafka::createTempDirectory);
        boolean temporary = settings.logDir().isEmpty();
        PreboundSockets sockets = new PreboundSockets();
        ControllerServer controller = null;
        BrokerServer broker = null;
        Admin admin = null;
        try {
            int clientPort = sockets.bind(settings.clientProtocol().name, settings.port());
            int controllerPort = sockets.bind(CONTROLLER_LISTENER, 0);
            KafkaConfig config = new KafkaConfig(brokerConfig(logDir, clientPort, controllerPort, settings), false);
            format(logDir);

            Tuple2<MetaPropertiesEnsemble, BootstrapMetadata> storage =
                    KafkaRaftServer.initializeLogDirs(config, LOG, "[EmbeddedKafka] ");
            MetaPropertiesEnsemble metaProperties = storage._1();
            Metrics metrics = Server.initializeMetrics(config, Time.SYSTEM, metaProperties.clusterId().orElseThrow());
            SharedServer shared = new SharedServer(config, metaProperties, Time.SYSTEM, metrics,
                    CompletableFuture.completedFuture(QuorumConfig.parseVoterConnections(config.quorumConfig().voters())),
                    QuorumConfig.parseBootstrapServers(config.quorumConfig().bootstrapServers()),
                    // Kafka's own factory halts the JVM on fatal faults; log them and keep the host process alive.
                    (name, fatal, action) -> new LoggingFaultHandler(name, action),
                    sockets);
            controller = new ControllerServer(shared, KafkaRaftServer.configSchema(), storage._2());
            broker = new BrokerServer(shared);
            // Controller first, as in KafkaRaftServer: the broker registers with it during its own start-up.
            controller.startup();
            broker.startup();

            String bootstrapServers = HOST + ":" + clientPort;
            Map<String, Object> adminConfig = new HashMap<>(settings.clientProperties());
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            admin = Admin.create(adminConfig);
            awaitClusterVisible(admin);
            EmbeddedKafka kafka = new EmbeddedKafka(logDir, temporary, settings, sockets, controller, broker, admin);
            LOG.info("Kafka broker started at {} in {} ms (log dir {})",
                    bootstrapServers, Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), logDir);
            return kafka;
        } catch (RuntimeException e) {
            try {
                stop(admin, broker, controller, sockets);
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            if (temporary) {
                deleteQuietly(logDir);
            }
            throw e instanceof IllegalStateException ? e : new IllegalStateException("Embedded Kafka did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Broker configuration for one combined broker+controller node; package-private so tests can check the keys.
     * The port and log directory of {@code settings} are ignored: the bound ports and the actual directory are given.
     */
    static Map<String, String> brokerConfig(Path logDir, int clientPort, int controllerPort, Settings settings) {
        String clientListener = settings.clientProtocol().name;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
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
        // Two brokers in one JVM would register the same JMX names; nothing here reads broker JMX metrics.
        config.put("metric.reporters", "");
        return config;
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return HOST + ":" + port();
    }

    /** The client port, chosen by the system when the settings asked for port 0. */
    public int port() {
        return sockets.port(clientListener);
    }

    /**
     * What a client needs besides {@code bootstrap.servers}: the security protocol with the SASL login and the
     * truststore when the broker asks for them; empty for a plaintext broker.
     */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** The broker's log directory. */
    public Path logDir() {
        return logDir;
    }

    /**
     * Creates the topics that do not exist yet (partition count per topic; existing topics are left as they
     * are) and waits until all of them accept reads and writes.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        KafkaTopicsAdmin.createTopics(admin, partitionsByTopic, (short) 1, ADMIN_TIMEOUT);
    }

    /** Waits until the topics exist and each partition is served by its leader, e.g. after another client created them. */
    public void awaitTopics(Collection<String> topics, Duration timeout) {
        KafkaTopicsAdmin.awaitTopics(admin, topics, timeout);
    }

    /** Stops the broker; then deletes the log directory if it was a temporary one. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        stop(admin, broker, controller, sockets);
        if (deleteLogDirOnClose) {
            deleteQuietly(logDir);
        }
        LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }

    private static void format(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;  // formatted by an earlier run: keep its cluster id and data
        }
        try {
            new Formatter()
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static void awaitClusterVisible(Admin admin) {
        DescribeClusterOptions options = new DescribeClusterOptions().timeoutMs((int) STARTUP_TIMEOUT.toMillis());
        try {
            if (admin.describeCluster(options).nodes().get().isEmpty()) {
                throw new IllegalStateException("Embedded Kafka started but reports no broker nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka to answer", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Embedded Kafka does not answer clients: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Shuts down whatever was started, broker before controller as its controlled shutdown needs the controller. */
    private static void stop(Admin admin, BrokerServer broker, ControllerServer controller, PreboundSockets sockets) {
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
        if (broker != null) {
            broker.shutdown(CONTROLLED_SHUTDOWN_TIMEOUT);
            broker.awaitShutdown();
        }
        if (controller != null) {
            controller.shutdown();
            controller.awaitShutdown();
        }
        sockets.closeUnused();
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

    /**
     * Listener sockets bound up front and handed to Kafka's socket server by listener name. Kafka closes the
     * sockets it took; the others are closed here.
     */
    private static final class PreboundSockets implements ServerSocketFactory {
        private final Map<String, ServerSocketChannel> unused = new LinkedHashMap<>();
        private final Map<String, Integer> ports = new LinkedHashMap<>();

        /** Binds a loopback socket for the listener and returns its port. */
        synchronized int bind(String listener, int port) {
            ServerSocketChannel channel;
            try {
                channel = ServerSocketFactory.INSTANCE.openServerSocket(listener, new InetSocketAddress(HOST, port), -1, -1);
            } catch (IOException | KafkaException e) {
                String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                throw new IllegalStateException(port == 0
                        ? "Embedded Kafka could not bind a free port for its " + listener + " listener: " + reason
                        : "Embedded Kafka cannot listen on " + HOST + ":" + port + " (" + reason
                                + "): is another Kafka broker running? Stop it or choose another port", e);
            }
            int boundPort = channel.socket().getLocalPort();
            unused.put(listener, channel);
            ports.put(listener, boundPort);
            return boundPort;
        }

        synchronized int port(String listener) {
            return ports.get(listener);
        }

        @Override
        public synchronized ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress address,
                                                                 int listenBacklogSize, int receiveBufferSize) {
            ServerSocketChannel channel = unused.remove(listenerName);
            if (channel == null) {
                throw new IllegalStateException("No socket bound for Kafka listener " + listenerName
                        + " (bound: " + List.copyOf(ports.keySet()) + ")");
            }
            return channel;
        }

        synchronized void closeUnused() {
            unused.values().forEach(channel -> Utils.closeQuietly(channel, "unused listener socket"));
            unused.clear();
        }
    }
}
