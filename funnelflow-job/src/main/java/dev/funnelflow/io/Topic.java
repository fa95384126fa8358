package dev.funnelflow.io;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Kafka topic of the job, declared once with its contract (DESIGN.md §3, {@code schemas/}) and its key.
 */
public enum Topic {
    CLICKSTREAM("clickstream", "user_id"),
    CONTROL("control", "none"),
    RECOMMENDATIONS("recommendations", "user_id"),
    ALERTS("alerts", "user_id"),
    DEMAND_FORECASTS("demand-forecasts", "series"),
    TRAINING_EXAMPLES("training-examples", "user_id"),
    DEAD_LETTER("dead-letter", "none");

    private final String topicName;
    private final String key;

    Topic(String topicName, String key) {
        this.topicName = topicName;
        this.key = key;
    }

    public String topicName() {
        return topicName;
    }

    /** The record key, named by the payload field it copies. */
    public String key() {
        return key;
    }

    /** The JSON Schema of the payload, relative to the project root. */
    public String schemaPath() {
        return "schemas/" + topicName + ".schema.json";
    }

    /** The file {@code replay} writes this output topic to. */
    public String replayFileName() {
        return topicName + ".jsonl";
    }

    /** Every topic with one partition per parallel task (at least two); control is small and ordered. */
    public static Map<String, Integer> partitions(int parallelism) {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (Topic topic : values()) {
            partitions.put(topic.topicName(), topic == CONTROL ? 1 : Math.max(2, parallelism));
        }
        return partitions;
    }

    public static List<Topic> outputs() {
        return Arrays.stream(values()).filter(t -> t != CLICKSTREAM && t != CONTROL).toList();
    }
}
