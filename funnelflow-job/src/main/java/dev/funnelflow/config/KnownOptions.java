package dev.funnelflow.config;

import static java.util.stream.Collectors.toCollection;

import dev.funnelflow.io.KafkaOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Every {@code funnelflow.*} key the job reads. Flink ignores keys nobody asks for, so a misspelt one would quietly
 * leave its default in force (a misspelt privacy key would turn pseudonymisation off): a job whose configuration
 * holds an unknown key does not start, and the message names the nearest known one.
 */
final class KnownOptions {

    static final String PREFIX = "funnelflow.";

    /** The classes that declare the options, each option once, as {@code public static final ConfigOption}. */
    private static final List<Class<?>> DECLARING_CLASSES = List.of(FunnelFlowOptions.class, KafkaOptions.class, PrivacyOptions.class,
            RankingOptions.class, FraudOptions.class, AlertOptions.class, DemandOptions.class, ControlOptions.class);

    private static final Set<String> KEYS = DECLARING_CLASSES.stream()
            .flatMap(type -> Stream.of(type.getFields()))
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class)
            .map(KnownOptions::key)
            .collect(toCollection(TreeSet::new));

    private KnownOptions() {}

    /** @throws IllegalArgumentException naming every unknown {@code funnelflow.*} key and its nearest known key */
    static void requireKnown(ReadableConfig config) {
        List<String> unknown = config.toMap().keySet().stream()
                .filter(key -> key.startsWith(PREFIX) && !KEYS.contains(key)
                        && !key.startsWith(KafkaOptions.CLIENT_PROPERTIES_PREFIX))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknown.stream()
                    .map(key -> "unknown option '" + key + "' (did you mean '" + nearest(key) + "'?)")
                    .reduce((a, b) -> a + "; " + b).orElseThrow());
        }
    }

    static Set<String> keys() {
        return KEYS;
    }

    static String nearest(String key) {
        return KEYS.stream().min(Comparator.comparingInt((String known) -> editDistance(key, known))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    /** Levenshtein distance, two rows. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String key(Field field) {
        try {
            return ((ConfigOption<?>) field.get(null)).key();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field + " is not readable", e);
        }
    }
}
