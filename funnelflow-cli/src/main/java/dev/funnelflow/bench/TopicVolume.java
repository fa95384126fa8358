package dev.funnelflow.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What a job appended to its output topics, as the broker stores it (compressed batches on disk) and as offsets
 * (records plus one commit marker per partition and transaction). The broker's and the sinks' CPU grows with it, so
 * two jobs over the same input compare by their volume per input event.
 */
record TopicVolume(Map<String, Long> bytes, Map<String, Long> offsets) {

    static TopicVolume of(Admin admin, Collection<String> topics) throws ExecutionException, InterruptedException {
        Set<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).collect(Collectors.toSet());
        Map<String, Long> bytes = new LinkedHashMap<>();
        topics.forEach(topic -> bytes.put(topic, 0L));
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    bytes.computeIfPresent(replica.getKey().topic(), (topic, sum) -> sum + replica.getValue().size());
                }
            }
        }
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Map<String, Long> offsets = new LinkedHashMap<>();
        topics.forEach(topic -> offsets.put(topic, 0L));
        admin.listOffsets(latest).all().get().forEach((partition, info) ->
                offsets.merge(partition.topic(), info.offset(), Long::sum));
        return new TopicVolume(bytes, offsets);
    }

    /** What was appended between {@code before} and this. */
    TopicVolume since(TopicVolume before) {
        return new TopicVolume(minus(bytes, before.bytes), minus(offsets, before.offsets));
    }

    long totalBytes() {
        return bytes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new LinkedHashMap<>();
        after.forEach((topic, value) -> difference.put(topic, value - before.getOrDefault(topic, 0L)));
        return difference;
    }
}
