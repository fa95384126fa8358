package dev.funnelflow.job;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A metric reporter for MiniCluster tests: keeps every metric the job registers, with its variables (the labels
 * Prometheus would show), also after the job has finished and unregistered them.
 */
public final class CollectingReporter implements MetricReporter {

    /** One registered metric: its name, its group's variables (e.g. {@code <error>}) and the live object. */
    public record Registered(String name, Map<String, String> variables, Metric metric) {}

    private static final List<Registered> METRICS = new CopyOnWriteArrayList<>();

    /** Enables this reporter in a job configuration. */
    public static Map<String, String> configuration() {
        return Map.of("metrics.reporter.collect.factory.class", Factory.class.getName());
    }

    public static List<Registered> named(String name) {
        return METRICS.stream().filter(m -> m.name().equals(name)).toList();
    }

    public static void clear() {
        METRICS.clear();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        METRICS.add(new Registered(metricName, group.getAllVariables(), metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {}

    /** Found through {@code META-INF/services}, as Flink finds reporters on the classpath. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new CollectingReporter();
        }
    }
}
