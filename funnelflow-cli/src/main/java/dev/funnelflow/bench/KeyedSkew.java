package dev.funnelflow.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.runtime.jobgraph.JobEdge;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * How evenly a job's keyed tasks share their input: for each task with a hash-partitioned input, the busiest
 * subtask's records in against the mean over its subtasks (1 is perfectly even; {@code p} means one subtask takes
 * everything). A hot key shows here long before it shows in throughput: on two cores every subtask shares the same
 * CPUs, so a job that cannot scale out still runs as fast as one that can.
 *
 * <p>Records in are each task's {@code numRecordsIn}, which counts what reaches it over the network, all inputs
 * together (a broadcast input adds the same to every subtask). The counters come from a metric reporter in this
 * JVM, which the MiniCluster creates from the configuration {@link #configuration()} adds.
 */
final class KeyedSkew {

    /** {@code numRecordsIn} counters of every task subtask, by job name, task name and subtask index. */
    private static final Map<String, Map<String, Map<Integer, Counter>>> RECORDS_IN = new ConcurrentHashMap<>();

    private KeyedSkew() {}

    /** The configuration that makes Flink hand this class every task's records-in counter. */
    static Map<String, String> configuration() {
        return Map.of("metrics.reporter.bench-keyed-skew.factory.class", Factory.class.getName());
    }

    /** Names of the tasks of {@code graph} with at least one hash-partitioned input and more than one subtask. */
    static Set<String> keyedTasks(StreamGraph graph) {
        JobGraph jobGraph = graph.getJobGraph();
        Set<String> keyed = new TreeSet<>();
        for (JobVertex vertex : jobGraph.getVertices()) {
            for (JobEdge input : vertex.getInputs()) {
                if ("HASH".equals(input.getShipStrategyName()) && vertex.getParallelism() != 1) {
                    keyed.add(vertex.getName());
                }
            }
        }
        return keyed;
    }

    /**
     * For each of {@code tasks} of job {@code jobName}, max / mean of records in over its subtasks, by the name of the
     * task's first operator; after the job has run.
     */
    static Map<String, Double> of(String jobName, Set<String> tasks) {
        Map<String, Map<Integer, Counter>> byTask = RECORDS_IN.getOrDefault(jobName, Map.of());
        Map<String, Double> skew = new LinkedHashMap<>();
        for (String task : tasks) {
            Map<Integer, Counter> subtasks = byTask.get(task);
            if (subtasks == null) {
                continue;
            }
            List<Long> counts = new ArrayList<>();
            subtasks.values().forEach(counter -> counts.add(counter.getCount()));
            skew.put(headOperator(task), Math.round(maxOverMean(counts) * 1000) / 1000.0);
        }
        return skew;
    }

    /** Max / mean; 1 when nothing came in. */
    static double maxOverMean(List<Long> counts) {
        long max = 0;
        long sum = 0;
        for (long count : counts) {
            max = Math.max(max, count);
            sum += count;
        }
        return sum == 0 ? 1 : (double) max * counts.size() / sum;
    }

    /** A chained task is named {@code head -> next -> ...}; the head is the operator that takes the keyed input. */
    static String headOperator(String taskName) {
        int arrow = taskName.indexOf(" -> ");
        return arrow < 0 ? taskName : taskName.substring(0, arrow);
    }

    /** Forgets the counters of an earlier run of {@code jobName}. */
    static void clear(String jobName) {
        RECORDS_IN.remove(jobName);
    }

    /** Keeps the task-level records-in counters (operators have their own, with an operator name). */
    static final class Reporter implements MetricReporter {

        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
            Map<String, String> variables = group.getAllVariables();
            if (!"numRecordsIn".equals(metricName) || !(metric instanceof Counter counter)
                    || variables.containsKey("<operator_name>") || !variables.containsKey("<task_name>")) {
                return;
            }
            RECORDS_IN.computeIfAbsent(variables.get("<job_name>"), job -> new ConcurrentHashMap<>())
                    .computeIfAbsent(variables.get("<task_name>"), task -> new ConcurrentHashMap<>())
                    .put(Integer.parseInt(variables.get("<subtask_index>")), counter);
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {}
    }

    /** Found through {@code META-INF/services}, as Flink finds reporters on the classpath. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }
    }
}
