package dev.funnelflow.io;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Topic checks and creation through the Kafka {@link Admin} client, for any cluster.
 *
 * <p>Topics are never auto-created in FunnelFlow: a Flink Kafka source on a missing topic restarts forever
 * instead of failing, so jobs call {@link #requireTopics} before they start and test or demo brokers create
 * their topics explicitly with {@link #createTopics}.
 */
public final class KafkaTopicsAdmin {

    /** How long {@link #requireTopics(Properties, Collection)} waits for an unreachable cluster. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Pause between metadata polls while topics are being created; short because creation takes milliseconds. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private KafkaTopicsAdmin() {
    }

    /** Thrown when topics a job needs do not exist; {@link #getMessage()} is one line naming them all. */
    public static final class MissingTopicsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Set<String> missingTopics;

        MissingTopicsException(String cluster, Set<String> missingTopics) {
            super("Missing Kafka topic" + (missingTopics.size() == 1 ? "" : "s") + " on " + cluster + ": "
                    + String.join(", ", missingTopics)
                    + " (topics are not auto-created: create them first)");
            this.missingTopics = Set.copyOf(missingTopics);
        }

        /** The topics that do not exist, sorted. */
        public Set<String> missingTopics() {
            return new TreeSet<>(missingTopics);
        }
    }

    /**
     * Fails with a {@link MissingTopicsException} unless every topic exists on the cluster that
     * {@code clientProperties} point to ({@code bootstrap.servers} and any security settings).
     *
     * @throws IllegalStateException if the cluster cannot be reached within {@link #DEFAULT_TIMEOUT}
     */
    public static void requireTopics(Properties clientProperties, Collection<String> topics) {
        String cluster = clientProperties.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "?");
        try (Admin admin = Admin.create(clientProperties)) {
            requireTopics(admin, cluster, topics, DEFAULT_TIMEOUT);
        }
    }

    /**
     * Fails with a {@link MissingTopicsException} unless every topic exists on the admin's cluster.
     *
     * @param cluster how to name the cluster in messages, e.g. its bootstrap servers
     * @throws IllegalStateException if the cluster cannot be reached within {@code timeout}
     */
    public static void requireTopics(Admin admin, String cluster, Collection<String> topics, Duration timeout) {
        ListTopicsOptions options = new ListTopicsOptions().listInternal(true).timeoutMs(timeoutMs(timeout));
        Set<String> existing = await(admin.listTopics(options).names(), timeout,
                "list the topics of Kafka cluster " + cluster);
        Set<String> missing = new TreeSet<>(topics);
        missing.removeAll(existing);
        if (!missing.isEmpty()) {
            throw new MissingTopicsException(cluster, missing);
        }
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits until every
     * partition of every named topic is served by its leader, so clients can use them right away.
     */
    public static void createTopics(Admin admin, Map<String, Integer> partitionsByTopic, short replicationFactor,
                                    Duration timeout) {
        List<NewTopic> newTopics = new ArrayList<>();
        partitionsByTopic.forEach((topic, partitions) -> newTopics.add(new NewTopic(topic, partitions, replicationFactor)));
        admin.createTopics(newTopics).values().forEach((topic, created) -> {
            try {
                await(created, timeout, "create topic " + topic);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        });
        awaitTopics(admin, partitionsByTopic.keySet(), timeout);
    }

    /**
     * Waits until every topic exists and the leader of each of its partitions serves it.
     *
     * @throws IllegalStateException naming the topics still not ready after {@code timeout}
     */
    public static void awaitTopics(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> notReady = new TreeSet<>(topics);
        while (true) {
            notReady.removeIf(topic -> isReady(admin, topic, timeout));
            if (notReady.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Kafka topics not ready after " + timeout.toMillis() + " ms: "
                        + String.join(", ", notReady));
            }
            pause("waiting for Kafka topics " + notReady);
        }
    }

    /**
     * Deletes every topic (internal ones aside) and waits until the cluster no longer lists them, so topics of the
     * same names can be created afresh right away.
     *
     * @throws IllegalStateException naming the topics still listed after {@code timeout}
     */
    public static void deleteAllTopics(Admin admin, Duration timeout) {
        Set<String> topics = await(admin.listTopics().names(), timeout, "list topics");
        await(admin.deleteTopics(topics).all(), timeout, "delete topics " + topics);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<String> listed = new TreeSet<>(await(admin.listTopics().names(), timeout, "list topics"));
            listed.retainAll(topics);
            if (listed.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Kafka topics still listed " + timeout.toMillis()
                        + " ms after their deletion: " + String.join(", ", listed));
            }
            pause("waiting for Kafka to delete topics " + listed);
        }
    }

    private static void pause(String waitingFor) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while " + waitingFor, e);
        }
    }

    private static boolean isReady(Admin admin, String topic, Duration timeout) {
        try {
            TopicDescription description = await(admin.describeTopics(List.of(topic)).topicNameValues().get(topic),
                    timeout, "describe topic " + topic);
            if (description.partitions().isEmpty()
                    || description.partitions().stream().anyMatch(partition -> partition.leader() == null)) {
                return false;
            }
            // Metadata names a leader a moment before that leader serves the partition; end offsets come from the leader.
            Map<TopicPartition, OffsetSpec> endOffsets = new HashMap<>();
            description.partitions().forEach(partition ->
                    endOffsets.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
            await(admin.listOffsets(endOffsets).all(), timeout, "read the end offsets of topic " + topic);
            return true;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;  // e.g. unknown topic or not leader yet: the broker is catching up with the controller
            }
            throw e;
        }
    }

    /** Waits for an admin result; failures become an {@link IllegalStateException} saying what was attempted. */
    private static <T> T await(KafkaFuture<T> future, Duration timeout, String action) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not " + action + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Could not " + action + " within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while trying to " + action, e);
        }
    }

    private static int timeoutMs(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }
}
